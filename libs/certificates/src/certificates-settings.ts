/** The certificates module's own settings, validated at start-up: a bad value names its variable. */
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const certificatesSettingsSchema = z.object({
  CERTIFICATE_VALIDITY_DAYS: positiveInt(365),
  CERTIFICATE_VERIFY_PER_MINUTE: positiveInt(60),
  CITIZEN_LOOKUP_PER_HOUR_PER_ADDRESS: positiveInt(10),
  CITIZEN_LOOKUP_PER_HOUR_PER_ID: positiveInt(5),
  CITIZEN_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(1800).default(600),
});

export type CertificatesSettings = z.infer<typeof certificatesSettingsSchema>;

export function certificatesSettingsFrom(settings: Record<string, string | undefined>): CertificatesSettings {
  const picked = Object.fromEntries(Object.keys(certificatesSettingsSchema.shape).map((k) => [k, settings[k] || undefined]));
  const parsed = certificatesSettingsSchema.safeParse(picked);
  if (!parsed.success) {
    throw new Error(`certificates configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
