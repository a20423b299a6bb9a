/** The audit service's own settings, validated once at start-up; a bad value stops it naming the variable. */
import { z } from 'zod';
import { env, loadConfig } from '@vaxledger/runtime';

/** The shortest minimum retention anyone may configure: one year. */
export const retentionFloorDays = 365;
/** Ten years unless configured otherwise. */
export const defaultMinimumRetentionDays = 3650;

export const auditSettingsSchema = z
  .object({
    /** Sign a checkpoint after this many new entries. */
    AUDIT_CHECKPOINT_EVERY: env.positiveInt(1000),
    /** ... and at least this often while entries keep arriving; verify fails when the newest is older. */
    AUDIT_CHECKPOINT_MINUTES: env.positiveInt(15),
    /** The shortest retention this deployment accepts (never below one year). */
    AUDIT_MIN_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(retentionFloorDays, `must be at least ${retentionFloorDays} days (one year)`)
      .default(defaultMinimumRetentionDays),
    /** Access records (and the trail prefix holding them) older than this are removed behind a signed checkpoint. */
    AUDIT_ACCESS_RETENTION_DAYS: env.positiveInt(defaultMinimumRetentionDays),
    /** How often the service applies retention. */
    AUDIT_RETENTION_SWEEP_MINUTES: env.positiveInt(360),
    /** Distributed: the Mongo database of the trail (defaults to MONGO_URL, database `vaxledger_audit`). */
    AUDIT_TRAIL_MONGO_URL: z.string().url().optional(),
    MONGO_URL: z.string().optional(),
    /**
     * Where every signed checkpoint is also appended (`checkpoints.jsonl`) and the trusted public keys live
     * (`public-keys.pem`). Required in distributed mode; standalone default `<data dir>/audit-anchors`.
     */
    AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
    /** The signing key as a PEM file (instead of AUDIT_SIGNING_KEY); never inside a data directory. */
    AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
    AUDIT_SIGNING_KEY: z.string().optional(),
    /** More trusted public keys (PEM, several may follow each other): keys retired by a rotation. */
    AUDIT_VERIFY_KEYS: z.string().optional(),
    /** A file of trusted public keys (PEM bundle), in addition to `<anchor dir>/public-keys.pem`. */
    AUDIT_VERIFY_KEYS_FILE: z.string().min(1).optional(),
    /**
     * Distributed: the services' event logs that verify reconciles the trail with, `name=url` separated by
     * commas: `identity=esdb://…,registry=esdb://…,immunization=sqlite:/path/events.db`.
     */
    AUDIT_SOURCE_EVENT_STORES: z.string().optional(),
    /**
     * A source event not yet in the trail counts as missing once it is this old (intake lag is allowed for,
     * a cut tail is not).
     */
    AUDIT_SOURCE_GRACE_MINUTES: env.positiveInt(15),
  })
  .superRefine((settings, context) => {
    if (settings.AUDIT_ACCESS_RETENTION_DAYS < settings.AUDIT_MIN_RETENTION_DAYS)
      context.addIssue({
        code: 'custom',
        path: ['AUDIT_ACCESS_RETENTION_DAYS'],
        message: `must be at least AUDIT_MIN_RETENTION_DAYS (${settings.AUDIT_MIN_RETENTION_DAYS} days)`,
      });
  });

export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export function loadAuditSettings(settings: Record<string, string | undefined>): AuditSettings {
  // Empty strings count as unset, as they do for every other service's settings.
  const defined = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined && value !== ''),
  );
  return loadConfig(auditSettingsSchema, defined as NodeJS.ProcessEnv);
}
