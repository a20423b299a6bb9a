/**
 * Pseudonyms for the reporting feed. Keyed hashes (HMAC-SHA-256 with the `reporting-pseudonyms` purpose key, the only key immunization holds) are stable, so
 * consumers can count people and follow one dose's corrections, but cannot be reversed or recomputed by anyone
 * without the key. Each purpose has its own prefix so one pseudonym never equals another.
 */
import { createHmac } from 'node:crypto';

export function subjectReportingKey(lookupKey: Buffer, subjectId: string): string {
  return createHmac('sha256', lookupKey).update(`report:${subjectId}`).digest('hex');
}

export function doseReportingKey(lookupKey: Buffer, doseId: string): string {
  return createHmac('sha256', lookupKey).update(`report-dose:${doseId}`).digest('hex');
}

/**
 * The reporting message's own id, derived from the stored event id: a republished event gets the same id (so
 * consumers dedupe it), yet the id cannot be matched with the same event on the identified record topic.
 */
export function reportingMessageId(lookupKey: Buffer, eventId: string): string {
  const hex = createHmac('sha256', lookupKey).update(`report-event:${eventId}`).digest('hex');
  // Shaped as a UUID (version nibble 8: custom, RFC 9562) for consumers that store ids as UUIDs.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The hour the event happened in: an exact timestamp would let the feed be joined to the identified topic. */
export function coarseTime(occurredAt: string): string {
  const hour = new Date(occurredAt);
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString().replace('.000Z', 'Z');
}
