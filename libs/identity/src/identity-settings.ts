/** The identity service's own settings, validated once when the module is registered. */
import { env, loadConfig } from '@vaxledger/runtime';
import { z } from 'zod';

export const identitySettingsSchema = z.object({
  /** Access tokens live at most 15 minutes (security baseline). */
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  IDENTITY_STEP_UP_TTL_SECONDS: z.coerce.number().int().min(30).max(300).default(300),
  IDENTITY_ACTIVATION_TTL_HOURS: z.coerce.number().int().min(1).max(72).default(72),
  IDENTITY_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30).default(30),
  IDENTITY_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(12).default(12),
  IDENTITY_LOCK_BASE_MINUTES: env.positiveInt(15),
  IDENTITY_LOCK_MAX_HOURS: env.positiveInt(24),
  IDENTITY_TOTP_ISSUER: z.string().min(1).max(64).default('vaxledger'),
  /** argon2id memory in KiB (OWASP baseline 19 MiB). */
  IDENTITY_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(19_456),
  IDENTITY_ARGON2_PASSES: z.coerce.number().int().min(1).max(10).default(2),
});

export type IdentitySettings = z.infer<typeof identitySettingsSchema>;

export function identitySettings(settings: Record<string, string | undefined>): IdentitySettings {
  return loadConfig(identitySettingsSchema, settings as NodeJS.ProcessEnv);
}
