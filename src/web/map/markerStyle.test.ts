import { describe, expect, it } from 'vitest';
import { GRADE_COLORS, NO_GRADE_HEX } from '../app/theme';
import { incidentMarkerStyle, OVERDUE_HEX } from './markerStyle';

describe('incidentMarkerStyle', () => {
  it('colours the dot by grade and draws no ring while no report is overdue', () => {
    expect(incidentMarkerStyle({ grade: 'III', overdueReports: 0 })).toEqual({
      dot: expect.objectContaining({ fillColor: GRADE_COLORS.III.hex }), ring: null,
    });
    expect(incidentMarkerStyle({ grade: null, overdueReports: 0 }).dot.fillColor).toBe(NO_GRADE_HEX);
  });

  it('puts a red ring around an incident with overdue reports, whatever its grade', () => {
    for (const grade of ['I', 'IV', null] as const) {
      const s = incidentMarkerStyle({ grade, overdueReports: 2 });
      expect(s.ring).toMatchObject({ color: OVERDUE_HEX, fill: false });
      // The ring shows around the dot, not hidden under it, and the dot keeps its grade colour.
      expect(s.ring!.radius).toBeGreaterThan(s.dot.radius + s.dot.weight);
      expect(s.dot.fillColor).toBe(grade ? GRADE_COLORS[grade].hex : NO_GRADE_HEX);
    }
  });
});
