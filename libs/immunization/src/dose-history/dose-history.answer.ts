import { z } from 'zod';

/** An adverse reaction reported after a dose. */
export const doseReactionAnswer = z.object({
  reactionId: z.string(),
  onsetAt: z.string(),
  severity: z.enum(['mild', 'moderate', 'severe', 'serious']),
  description: z.string(),
  outcome: z.enum(['recovered', 'recovering', 'not_recovered', 'recovered_with_sequelae', 'fatal', 'unknown']),
  reportedBy: z.string(),
});

/** One dose of the history; a voided dose stays, with its reason. */
export const doseHistoryItemAnswer = z.object({
  doseId: z.string(),
  vaccineCode: z.string(),
  vaccineName: z.string(),
  seriesGroup: z.string(),
  doseNumber: z.number().int().min(1),
  /** ISO 8601 with the site's offset, as entered. */
  administeredAt: z.string(),
  lotNumber: z.string(),
  facilityId: z.string(),
  planId: z.string().nullable(),
  site: z.string().nullable(),
  route: z.string().nullable(),
  vaccinatorId: z.string(),
  status: z.enum(['completed', 'voided']),
  voidReason: z.string().nullable(),
  /** How many times the dose was corrected. */
  corrections: z.number().int().min(0),
  reactions: z.array(doseReactionAnswer),
});

/** GET /subjects/{id}/doses: the doses in the order given. */
export const doseHistoryAnswer = z.object({ subjectId: z.string(), items: z.array(doseHistoryItemAnswer) });

export type DoseHistoryAnswer = z.infer<typeof doseHistoryAnswer>;
