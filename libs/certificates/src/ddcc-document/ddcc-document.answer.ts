import { z } from 'zod';

/**
 * GET /subjects/{id}/certificates/{certificateId}/ddcc: a FHIR R4 Bundle of type document with the WHO DDCC:VS
 * core data set, described down to the fields ddcc-document.ts sets; the resources follow FHIR R4 and the DDCC
 * profiles named in each `meta.profile`.
 */
const uuid = z.string().uuid();
const urnUuid = z.string().regex(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const meta = z.object({ profile: z.array(z.string().url()).min(1) });
const narrative = z.object({ status: z.enum(['generated']), div: z.string() });
const reference = z.object({ reference: urnUuid });
const coding = z.object({ system: z.string(), code: z.string(), display: z.string().optional() });
const codeableConcept = z.object({ coding: z.array(coding).min(1) });
const uvciIdentifier = z.object({ system: z.string(), value: z.string() });

const composition = z.object({
  resourceType: z.literal('Composition'),
  id: uuid,
  meta,
  text: narrative,
  identifier: uvciIdentifier,
  status: z.enum(['final', 'entered-in-error']).describe('entered-in-error for a revoked certificate'),
  type: codeableConcept,
  category: z.array(codeableConcept),
  subject: reference,
  date: z.string().datetime(),
  author: z.array(reference),
  title: z.string(),
  attester: z.array(z.object({ mode: z.enum(['official']), party: reference })),
  event: z.array(z.object({ period: z.object({ start: z.string().datetime(), end: z.string().datetime() }) })),
  section: z.array(z.object({ code: codeableConcept, focus: reference, entry: z.array(reference) })),
});

const patient = z.object({
  resourceType: z.literal('Patient'),
  id: uuid,
  meta,
  text: narrative,
  name: z.array(z.object({ text: z.string(), family: z.string().optional(), given: z.array(z.string()).optional() })).min(1),
  birthDate: z.string(),
});

const organization = z.object({
  resourceType: z.literal('Organization'),
  id: uuid,
  meta,
  text: narrative,
  name: z.string(),
  address: z.array(z.object({ country: z.string() })),
});

const immunization = z.object({
  resourceType: z.literal('Immunization'),
  id: uuid,
  meta,
  text: narrative,
  extension: z.array(
    z.object({ url: z.string().url(), valueCoding: z.object({ system: z.string(), code: z.string() }).optional(), valueCode: z.string().optional() }),
  ),
  status: z.literal('completed'),
  vaccineCode: codeableConcept,
  patient: reference,
  occurrenceDateTime: z.string(),
  location: z.object({ display: z.string() }),
  protocolApplied: z.array(
    z.object({
      authority: reference,
      targetDisease: z.array(codeableConcept),
      doseNumberPositiveInt: z.number().int().min(1),
      seriesDosesPositiveInt: z.number().int().min(1),
    }),
  ),
});

export const ddccDocumentAnswer = z.object({
  resourceType: z.literal('Bundle'),
  id: uuid,
  meta,
  identifier: uvciIdentifier,
  type: z.literal('document'),
  timestamp: z.string().datetime(),
  /** Composition first, then Patient, Organization and Immunization. */
  entry: z
    .array(z.object({ fullUrl: urnUuid, resource: z.discriminatedUnion('resourceType', [composition, patient, organization, immunization]) }))
    .length(4),
});
export type DdccDocumentAnswer = z.infer<typeof ddccDocumentAnswer>;
