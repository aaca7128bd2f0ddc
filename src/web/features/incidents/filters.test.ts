import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../contracts/incidents';
import { boardOrder, codePrefix, filtersFromParams, filtersToParams, isInJurisdiction, matchesFilters } from './filters';

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: '01', category: 'accident', typeCode: 'fire', title: '县城商场火灾', description: '', occurredAt: '2026-11-29T03:00:00.000Z',
  reportedAt: '2026-11-29T03:05:00.000Z', location: null, jurisdictionCode: '511826001', jurisdictionName: '芦阳街道',
  reportingOrganisation: null, impact: { deaths: null, missing: null, seriousInjuries: null, minorInjuries: null, directLossYuan: null, affected: null, evacuated: null },
  status: 'reported', overdueReports: 0, isDrill: false, version: 1, createdAt: '', updatedAt: '', grade: null, gradeLabel: null,
  computedGrade: null, gradeMode: 'computed', gradeProvisional: false, gradeOverride: null, gradeBasis: [], upgradeFlaggedAt: null, upgradeCause: null,
  ...over,
});

describe('board filters', () => {
  it('derives the code prefix of each level (GB/T 2260)', () => {
    expect(codePrefix('100000')).toBe('');
    expect(codePrefix('510000')).toBe('51');
    expect(codePrefix('511800')).toBe('5118');
    expect(codePrefix('511826')).toBe('511826');
    expect(codePrefix('511826001')).toBe('511826001');
    expect(isInJurisdiction('511826001002', '511800')).toBe(true);
    expect(isInJurisdiction('511826001002', '511826002')).toBe(false);
  });

  it('matches live incidents the way the server filters', () => {
    const i = incident();
    expect(matchesFilters(i, {})).toBe(true);
    expect(matchesFilters(i, { category: 'natural' })).toBe(false);
    expect(matchesFilters(i, { grade: 'none' })).toBe(true);
    expect(matchesFilters(incident({ grade: 'III' }), { grade: 'none' })).toBe(false);
    expect(matchesFilters(incident({ grade: 'III' }), { grade: 'III' })).toBe(true);
    expect(matchesFilters(i, { status: 'open' })).toBe(true);
    expect(matchesFilters(incident({ status: 'closed' }), { status: 'open' })).toBe(false);
    expect(matchesFilters(i, { jurisdiction: '511826' })).toBe(true);
    expect(matchesFilters(i, { jurisdiction: '511826002' })).toBe(false);
    expect(matchesFilters(i, { from: '2026-11-29T11:00:00+08:00', to: '2026-11-29T11:00:00+08:00' })).toBe(true);
    expect(matchesFilters(i, { from: '2026-11-29T11:00:01+08:00' })).toBe(false);
    expect(matchesFilters(i, { q: '商场' })).toBe(true);
    expect(matchesFilters(i, { q: '洪水' })).toBe(false);
  });

  it('round-trips through the URL and drops junk', () => {
    const f = { category: 'natural' as const, grade: 'none' as const, status: 'open' as const, jurisdiction: '511826', q: '火灾' };
    expect(filtersFromParams(filtersToParams(f))).toEqual({ ...f, from: undefined, to: undefined });
    expect(filtersFromParams(new URLSearchParams('category=bogus&grade=V&jurisdiction=abc'))).toEqual({
      category: undefined, grade: undefined, status: undefined, jurisdiction: undefined, from: undefined, to: undefined, q: undefined,
    });
  });

  it('orders like the server: occurredAt desc, then id desc', () => {
    const a = incident({ id: 'a', occurredAt: '2026-11-29T03:00:00Z' });
    const b = incident({ id: 'b', occurredAt: '2026-11-29T03:00:00Z' });
    const c = incident({ id: 'c', occurredAt: '2026-11-29T04:00:00Z' });
    expect([a, b, c].sort(boardOrder).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });
});
