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
});

export type StandaloneConfig = z.infer<typeof standaloneConfigSchema>;
