import { z } from 'zod';
import { env, trustedProxiesSetting } from '@vaxledger/runtime';
import { checkEngineCredentials, engineCredentialsShape } from './engine-credentials';

/**
 * Environment of one distributed service process. Every variable is listed in docs/operations.md with its
 * default and meaning; a wrong or missing one stops start-up naming it.
 */
export const distributedConfigSchema = z
  .object({
    PORT: env.port(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: env.logLevel(),
    EVENT_STORE: z.enum(['esdb', 'sqlite']).default('esdb'),
    EVENTSTORE_URL: z
      .string()
      .regex(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//, 'must be an esdb:// connection string')
      .optional(),
    EVENT_STORE_SQLITE_PATH: z.string().min(1).optional(),
    KAFKA_BROKERS: env.list(),
    KAFKA_CLIENT_ID: z.string().min(1).optional(),
    KAFKA_NAMESPACE: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore (at most 64)')
      .optional(),
    MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
    JWT_PUBLIC_KEY: z.string().optional(),
    JWT_PRIVATE_KEY: z.string().optional(),
    /** Public keys of earlier signing keys, still accepted during a rotation (PEMs one after the other). */
    JWT_PREVIOUS_PUBLIC_KEYS: z.string().optional(),
    VAXLEDGER_LOOKUP_KEY: z.string().optional(),
    AUDIT_SIGNING_KEY: z.string().optional(),
    /** CIDRs of the gateway(s): only their `X-Forwarded-For` is believed. Default: none. */
    TRUSTED_PROXIES: trustedProxiesSetting(),
    // The service's own principal on Kafka, Redis and MongoDB, and the CAs of their TLS certificates.
    ...engineCredentialsShape,
    /** The audit signing key as a PEM file instead (never inside a data directory: audit refuses to start). */
    AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    checkEngineCredentials(c, ctx);
    if (c.EVENT_STORE === 'esdb' && !c.EVENTSTORE_URL) {
      ctx.addIssue({ code: 'custom', path: ['EVENTSTORE_URL'], message: 'required when EVENT_STORE=esdb' });
    }
    if (c.EVENT_STORE === 'sqlite' && !c.EVENT_STORE_SQLITE_PATH) {
      ctx.addIssue({ code: 'custom', path: ['EVENT_STORE_SQLITE_PATH'], message: 'required when EVENT_STORE=sqlite' });
    }
    if (!c.JWT_PUBLIC_KEY && !c.JWT_PRIVATE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['JWT_PUBLIC_KEY'], message: 'identity public key (PEM) is required' });
    }
  });

export type DistributedConfig = z.infer<typeof distributedConfigSchema>;

/** Per-service requirements on top of the common schema. */
export function checkServiceSecrets(service: string, config: DistributedConfig): string[] {
  const problems: string[] = [];
  if (service === 'identity' && !config.JWT_PRIVATE_KEY) problems.push('JWT_PRIVATE_KEY: required by identity (not set)');
  // identity keys username hashes and seals authenticator secrets with it; registry and immunization key
  // lookup hashes and reporting pseudonyms.
  if ((service === 'identity' || service === 'registry' || service === 'immunization') && !config.VAXLEDGER_LOOKUP_KEY) {
    problems.push(`VAXLEDGER_LOOKUP_KEY: required by ${service} (not set)`);
  }
  if (service === 'audit' && !config.AUDIT_SIGNING_KEY && !config.AUDIT_SIGNING_KEY_FILE)
    problems.push('AUDIT_SIGNING_KEY: required by audit, or AUDIT_SIGNING_KEY_FILE (not set)');
  return problems;
}
