import type { INestApplication } from '@nestjs/common';
import type { Logger } from './logger';

/**
 * Graceful shutdown: on SIGTERM/SIGINT stop accepting connections, let in-flight requests finish, stop the
 * pipelines (Nest shutdown hooks), then close the engines, in that order, with a deadline.
 */
export function closeOnSignals(
  app: INestApplication,
  logger: Logger,
  closers: Array<() => Promise<void>>,
  deadlineMs = 25_000,
): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining in-flight work');
    const timer = setTimeout(() => {
      logger.error('shutdown deadline passed; exiting');
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    try {
      await app.close();
      for (const close of closers) await close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
