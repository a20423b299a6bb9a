/** The identity service's own settings, validated once when the module is registered. */
import { env, loadConfig } from '@vaxledger/runtime';
import { z } from 'zod';

export const identitySettingsSchema = z.object({
  /** Access tokens live at most 15 minutes (security baseline). */
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  IDENTITY_STEP_UP_TTL_SECONDS: z.coerce.number().int().min(30).max(300).default(300),
  IDENTITY_ACTIVATION_TTL_HOURS: z.coerce.number().int().min(1).max(72).default(72),
  /** How long an administrator's password reset token can be redeemed. */
  IDENTITY_PASSWORD_RESET_TTL_HOURS: z.coerce.number().int().min(1).max(72).default(24),
  IDENTITY_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30).default(30),
  IDENTITY_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(12).default(12),
  IDENTITY_LOCK_BASE_MINUTES: env.positiveInt(15),
  IDENTITY_LOCK_MAX_HOURS: env.positiveInt(24),
  IDENTITY_TOTP_ISSUER: z.string().min(1).max(64).default('vaxledger'),
  /** argon2id memory in KiB (OWASP baseline 19 MiB). */
  IDENTITY_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(19_456),
  IDENTITY_ARGON2_PASSES: z.coerce.number().int().min(1).max(10).default(2),
  /**
   * Login throttling, judged before any password hash runs. Token buckets per client address and per username
   * (the keyed hash of what was typed, so unknown usernames are throttled alike): a burst, then a steady rate.
   */
  IDENTITY_LOGIN_ADDRESS_BURST: env.positiveInt(30),
  IDENTITY_LOGIN_ADDRESS_PER_MINUTE: env.positiveInt(30),
  IDENTITY_LOGIN_USERNAME_BURST: env.positiveInt(10),
  IDENTITY_LOGIN_USERNAME_PER_MINUTE: env.positiveInt(5),
  /** Wrong passwords slow a username down: free ones first, then a wait doubling from the base up to the max. */
  IDENTITY_PASSWORD_FREE_FAILURES: z.coerce.number().int().min(0).max(100).default(5),
  IDENTITY_PASSWORD_DELAY_BASE_SECONDS: env.positiveInt(1),
  IDENTITY_PASSWORD_DELAY_MAX_SECONDS: env.positiveInt(900),
  /** NIST SP 800-63B: a hard lock only after this many consecutive wrong passwords (at most 100). */
  IDENTITY_PASSWORD_FAILURES_BEFORE_LOCK: z.coerce.number().int().min(10).max(100).default(100),
  /** Consecutive wrong or replayed one-time codes (across challenges) that lock the account. */
  IDENTITY_OTP_FAILURES_BEFORE_LOCK: z.coerce.number().int().min(3).max(20).default(10),
  /**
   * At most this many password hashes at once (each holds one libuv worker thread, which durable SQLite commits
   * and file I/O share), and at most this many waiting; beyond that a login gets 429 `rate_limited`.
   */
  IDENTITY_PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  IDENTITY_PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
});

export type IdentitySettings = z.infer<typeof identitySettingsSchema>;

export function identitySettings(settings: Record<string, string | undefined>): IdentitySettings {
  return loadConfig(identitySettingsSchema, settings as NodeJS.ProcessEnv);
}
