/** The audit service's own settings, validated once at start-up; a bad value stops it naming the variable. */
import { z } from 'zod';
import { env, loadConfig } from '@vaxledger/runtime';

export const auditSettingsSchema = z.object({
  /** Sign a checkpoint after this many new entries. */
  AUDIT_CHECKPOINT_EVERY: env.positiveInt(1000),
  /** ... and at least this often while entries keep arriving. */
  AUDIT_CHECKPOINT_MINUTES: env.positiveInt(15),
  /** Access records (and the trail prefix holding them) older than this are removed behind a signed checkpoint. */
  AUDIT_ACCESS_RETENTION_DAYS: env.positiveInt(1825),
  /** How often the service applies retention. */
  AUDIT_RETENTION_SWEEP_MINUTES: env.positiveInt(360),
  /** Distributed: the Mongo database of the trail (defaults to MONGO_URL, database `vaxledger_audit`). */
  AUDIT_TRAIL_MONGO_URL: z.string().url().optional(),
  MONGO_URL: z.string().optional(),
});

export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export function loadAuditSettings(settings: Record<string, string | undefined>): AuditSettings {
  // Empty strings count as unset, as they do for every other service's settings.
  const defined = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined && value !== ''),
  );
  return loadConfig(auditSettingsSchema, defined as NodeJS.ProcessEnv);
}
