import { z } from 'zod';

/**
 * The FHIR R4 Bundle of GET /subjects/{id}/fhir, described loosely: the resource types and the fields every
 * client relies on. The resources themselves follow FHIR R4 (checked against the HAPI validator in the tests).
 */
export const fhirResourceAnswer = z
  .object({
    resourceType: z.enum(['Patient', 'Immunization', 'ImmunizationRecommendation']),
    id: z.string(),
  })
  .passthrough();

export const immunizationBundleAnswer = z.object({
  resourceType: z.enum(['Bundle']),
  type: z.enum(['collection']),
  timestamp: z.string().datetime(),
  /** One Patient first, one Immunization per dose, then an ImmunizationRecommendation when a series has started. */
  entry: z.array(z.object({ fullUrl: z.string(), resource: fhirResourceAnswer })).min(1),
});

export type ImmunizationBundleAnswer = z.infer<typeof immunizationBundleAnswer>;
