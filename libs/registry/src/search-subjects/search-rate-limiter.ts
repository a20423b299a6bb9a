/**
 * Search quotas per account (brief §7): fixed windows of one minute and one Vietnamese calendar day, counted in
 * the key-value store so every instance of the service shares them. A refusal says when to come back.
 */
import { DomainError, type KeyValueStore } from '@vaxledger/kernel';
import { calendarDateInVietnam, msUntilVietnamMidnight } from '../domain/vietnam-calendar';

export class SearchRateLimiter {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly perMinute: number,
    private readonly perDay: number,
  ) {}

  async take(accountId: string, now: Date): Promise<void> {
    const minute = Math.floor(now.getTime() / 60_000);
    const msLeftInMinute = 60_000 - (now.getTime() % 60_000);
    const perMinute = await this.kv.increment(`registry:search-rate:minute:${accountId}:${minute}`, msLeftInMinute + 1000);
    if (perMinute > this.perMinute) throw rateLimited('per minute', msLeftInMinute);
    const msLeftInDay = msUntilVietnamMidnight(now);
    const perDay = await this.kv.increment(
      `registry:search-rate:day:${accountId}:${calendarDateInVietnam(now)}`,
      msLeftInDay + 1000,
    );
    if (perDay > this.perDay) throw rateLimited('per day', msLeftInDay);
  }
}

function rateLimited(window: string, retryAfterMs: number) {
  return new DomainError('rate_limited', 'rate_limited', `Too many searches ${window}; try again later.`, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
}
