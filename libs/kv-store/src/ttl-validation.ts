/** Both KeyValueStore adapters refuse the same TTLs, so a caller bug shows up in standalone mode too. */
export function assertValidTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
}
