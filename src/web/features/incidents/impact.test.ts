import { describe, expect, it } from 'vitest';
import { impactChanges, normaliseImpact } from './impact';

describe('impact figures', () => {
  it('keeps empty (unknown) apart from 0', () => {
    const i = normaliseImpact({ deaths: 0, missing: undefined, seriousInjuries: null, directLossYuan: 1200 });
    expect(i).toEqual({ deaths: 0, missing: null, seriousInjuries: null, minorInjuries: null, directLossYuan: 1200, affected: null, evacuated: null });
  });

  it('sends only the figures that changed', () => {
    const before = normaliseImpact({ deaths: 4, missing: 2 });
    expect(impactChanges(before, normaliseImpact({ deaths: 11, missing: 2 }))).toEqual({ deaths: 11 });
    expect(impactChanges(before, normaliseImpact({ deaths: 4 }))).toEqual({ missing: null });
  });
});
