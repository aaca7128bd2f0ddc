// How an incident is drawn on the map, kept free of leaflet so it can be tested: a dot in the grade's
// colour and, when any report is overdue, a red ring around it (the red of `.sw-overdue` in the list).
// A ring rather than a red fill, so an overdue Ⅰ-grade (also red) incident still stands out.
import type { Incident } from '../../contracts/incidents';
import { GRADE_COLORS, NO_GRADE_HEX } from '../app/theme';

export const OVERDUE_HEX = '#cf1322';

export interface CircleStyle {
  radius: number;
  color: string;
  weight: number;
  opacity?: number;
  fill?: boolean;
  fillColor?: string;
  fillOpacity?: number;
}

export interface IncidentMarkerStyle {
  dot: CircleStyle;
  /** Drawn under the dot when the incident has overdue reports. */
  ring: CircleStyle | null;
}

export function incidentMarkerStyle(i: Pick<Incident, 'grade' | 'overdueReports'>): IncidentMarkerStyle {
  const dot: CircleStyle = { radius: 9, color: '#ffffff', weight: 2, fillColor: i.grade ? GRADE_COLORS[i.grade].hex : NO_GRADE_HEX, fillOpacity: 0.95 };
  const ring: CircleStyle | null = i.overdueReports > 0 ? { radius: 14, color: OVERDUE_HEX, weight: 4, opacity: 1, fill: false } : null;
  return { dot, ring };
}
