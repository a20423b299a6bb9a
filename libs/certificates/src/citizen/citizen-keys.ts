/**
 * The citizen flow's keys, each derived for one job from the `citizenRecords` purpose key. A key shorter than
 * 32 bytes is refused at start-up: an empty key would make every code MAC and record token forgeable.
 */
import { hkdfSync } from 'node:crypto';

export type CitizenKeyUse = 'citizen-token' | 'citizen-code' | 'citizen-id';

export function citizenKey(citizenRecordsKey: Buffer, use: CitizenKeyUse): Buffer {
  if (citizenRecordsKey.length < 32) throw new Error('the citizenRecords key is missing or shorter than 32 bytes (derived from VAXLEDGER_LOOKUP_KEY)');
  return Buffer.from(hkdfSync('sha256', citizenRecordsKey, Buffer.alloc(0), `vaxledger/${use}/v1`, 32));
}
