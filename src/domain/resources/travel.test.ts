import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL, greatCircleKm, greatCircleMatrix, travel } from './travel';

describe('travel estimate', () => {
  it('measures great-circle distance', () => {
    // 芦山县城 → 雅安市区: about 20 km in a straight line.
    expect(greatCircleKm({ lat: 30.1446, lon: 102.9342 }, { lat: 29.9805, lon: 103.0133 })).toBeCloseTo(19.8, 0);
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.2, 1);
    expect(greatCircleKm({ lat: 30, lon: 103 }, { lat: 30, lon: 103 })).toBe(0);
  });
  it('computes a matrix identical to the pairwise distances', () => {
    const from = [{ lat: 30.1446, lon: 102.9342 }, { lat: 29.9805, lon: 103.0133 }, { lat: -12.5, lon: 179.9 }];
    const to = [{ lat: 30, lon: 103 }, { lat: -12.4, lon: -179.9 }];
    expect(Array.from(greatCircleMatrix(from, to))).toEqual(to.flatMap((b) => from.map((a) => greatCircleKm(a, b))));
  });
  it('applies the road factor and speed', () => {
    const t = travel({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }, { roadFactor: 1.5, speedKmh: 60 });
    expect(t.km).toBeCloseTo(166.8, 1);
    expect(t.minutes).toBeCloseTo(166.8, 1);
    expect(travel({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }).km).toBeCloseTo(111.2 * DEFAULT_TRAVEL.roadFactor, 0);
  });
});
