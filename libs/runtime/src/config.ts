import { z, type ZodTypeAny } from 'zod';

/**
 * One validated, typed configuration object per process. A missing or malformed variable stops start-up
 * with a message naming it; nothing else in the code reads `process.env`.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const given = issue.path.length ? env[String(issue.path[0])] : undefined;
    return `${variable}: ${issue.message}${given === undefined ? ' (not set)' : ''}`;
  });
  throw new ConfigError(problems);
}

/** Reusable environment-variable parsers. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  list: () =>
    z
      .string()
      .min(1)
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
