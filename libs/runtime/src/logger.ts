import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches a log line: request bodies are not logged, and these
 * keys are redacted wherever they appear, as a second line of defence.
 */
const redactedKeys = [
  'password',
  'code',
  'otp',
  'token',
  'accessToken',
  'refreshToken',
  'stepUpToken',
  'authorization',
  'fullName',
  'phone',
  'idNumber',
  'idDocument',
  'email',
  'address',
  'dateOfBirth',
];

export function createLogger(options: { service: string; level?: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactedKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

/** Nest's logger interface on top of pino, so framework messages share the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export type { Logger };
