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
    const { minuteKey, msLeftInMinute, dayKey, msLeftInDay } = windowsOf(accountId, now);
    const perMinute = await this.kv.increment(minuteKey, msLeftInMinute + 1000);
    if (perMinute > this.perMinute) throw rateLimited('per minute', msLeftInMinute);
    const perDay = await this.kv.increment(dayKey, msLeftInDay + 1000);
    if (perDay > this.perDay) throw rateLimited('per day', msLeftInDay);
  }

  /**
   * Refuses (429) when the quota is already used up, without taking from it: for answers that count as a search
   * only when they reveal something (a 409 on a taken ID number), but must not reveal it once the quota is gone.
   */
  async ensureLeft(accountId: string, now: Date): Promise<void> {
    const { minuteKey, msLeftInMinute, dayKey, msLeftInDay } = windowsOf(accountId, now);
    const [perMinute, perDay] = await this.kv.getMany([minuteKey, dayKey]);
    if (Number(perMinute ?? 0) >= this.perMinute) throw rateLimited('per minute', msLeftInMinute);
    if (Number(perDay ?? 0) >= this.perDay) throw rateLimited('per day', msLeftInDay);
  }
}

function windowsOf(accountId: string, now: Date) {
  const minute = Math.floor(now.getTime() / 60_000);
  return {
    minuteKey: `registry:search-rate:minute:${accountId}:${minute}`,
    msLeftInMinute: 60_000 - (now.getTime() % 60_000),
    dayKey: `registry:search-rate:day:${accountId}:${calendarDateInVietnam(now)}`,
    msLeftInDay: msUntilVietnamMidnight(now),
  };
}

function rateLimited(window: string, retryAfterMs: number) {
  return new DomainError('rate_limited', 'rate_limited', `Too many searches ${window}; try again later.`, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
}
