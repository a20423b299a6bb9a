import { z } from 'zod';
import { env, trustedProxiesSetting } from '@vaxledger/runtime';

/** Standalone process settings; every other variable is read by the service it belongs to. */
export const standaloneConfigSchema = z.object({
  PORT: env.port(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  VAXLEDGER_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: env.logLevel(),
  /** A reverse proxy in front of the standalone server: only its `X-Forwarded-For` is believed. Default none. */
  TRUSTED_PROXIES: trustedProxiesSetting(),
  /**
   * `process`: the background pipeline runs in a second process, so HTTP and the pipeline each have a core.
   * `inline` (default until the two-process layout is measured on a quiet machine): everything on one event loop.
   */
  VAXLEDGER_PIPELINE: z.enum(['process', 'inline']).default('inline'),
  /** How long a write waits for its own read models to show it (read-your-writes); 0 turns the wait off. */
  PIPELINE_VISIBILITY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
});

export type StandaloneConfig = z.infer<typeof standaloneConfigSchema>;
