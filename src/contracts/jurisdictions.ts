import { z } from 'zod';
import { JURISDICTION_LEVELS } from '../domain/shared/jurisdiction';

export const Jurisdiction = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(JURISDICTION_LEVELS),
  parentCode: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  hasChildren: z.boolean(),
});
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const JurisdictionQuery = z.object({
  parent: z.string().regex(/^\d{6}(\d{3}){0,2}$/, '须为行政区划代码').optional(),
});

/** Outlines of a jurisdiction and its children for the map: GeoJSON (WGS84), simplified. */
export const BoundaryFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string(), name: z.string(), level: z.enum(JURISDICTION_LEVELS), own: z.boolean() }),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
});
export const BoundaryCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(BoundaryFeature) });
export type BoundaryCollection = z.infer<typeof BoundaryCollection>;

/** What an upload of outlines did: matched and stored, and what was left out and why. */
export const BoundaryImportResult = z.object({ matched: z.number(), unknown: z.array(z.string()), outOfScope: z.array(z.string()), withoutCode: z.array(z.number()) });
export type BoundaryImportResult = z.infer<typeof BoundaryImportResult>;
