import { describe, expect, it } from 'vitest';
import { CATEGORIES, GRADES } from './model';
import { CATEGORY_LABELS, findIncidentType, GRADE_LABELS, INCIDENT_TYPES, incidentTypesOf } from './types';

describe('incident type catalogue', () => {
  it('codes are unique and every category has types', () => {
    expect(new Set(INCIDENT_TYPES.map((t) => t.code)).size).toBe(INCIDENT_TYPES.length);
    for (const c of CATEGORIES) expect(incidentTypesOf(c).length).toBeGreaterThan(0);
  });

  it('only the five 生产安全事故 types use the 493 table', () => {
    expect(INCIDENT_TYPES.filter((t) => t.grading === 'production_safety_493').map((t) => t.code).sort()).toEqual(
      ['fire', 'hazardous_chemicals', 'production_safety', 'public_facility', 'road_traffic'],
    );
    expect(findIncidentType('environmental_pollution')).toMatchObject({ category: 'accident', grading: 'manual' });
    expect(findIncidentType('nope')).toBeUndefined();
  });

  it('labels', () => {
    expect(CATEGORIES.map((c) => CATEGORY_LABELS[c].zh)).toEqual(['自然灾害', '事故灾难', '公共卫生事件', '社会安全事件']);
    expect(GRADES.map((g) => `${GRADE_LABELS[g].zh} ${GRADE_LABELS[g].roman}`)).toEqual(['特别重大 Ⅰ级', '重大 Ⅱ级', '较大 Ⅲ级', '一般 Ⅳ级']);
  });
});
