/** Keyed hashes of the phones reminders went to: a reply names a phone, never a subject. */
import { createHmac } from 'node:crypto';

/** A key derived for this purpose alone from the lookup key, so it matches no other hash in the system. */
export function reminderRecipientKey(lookupKey: Buffer, phoneE164: string): string {
  const purposeKey = createHmac('sha256', lookupKey).update('vaxledger:reminder-recipient:v1').digest();
  return createHmac('sha256', purposeKey).update(phoneE164).digest('base64url');
}

/** The gateway may forward `0912345678`, `84912345678` or `+84912345678`; all are the same phone. */
export function normaliseVietnamesePhone(raw: string): string | null {
  const digits = raw.replace(/[\s().-]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^84\d{9,10}$/.test(digits)) return `+${digits}`;
  if (/^0\d{9,10}$/.test(digits)) return `+84${digits.slice(1)}`;
  return null;
}
