/**
 * A citizen asks for their own record with full name + ID number. The answer is the same whether or not such
 * a person exists: a challenge id and a phone hint that depends on the ID number only (the last two digits of
 * the phone of record of that document's holder, or digits drawn from a keyed hash of the number when nobody
 * holds it), so the name cannot be confirmed by trying. The code goes only to the phone of record, and only
 * when name and number match. Rate-limited per client address and per ID number hash; audited.
 */
import { createHmac } from 'node:crypto';
import type { RequestOrigin } from '@vaxledger/auth';
import { type Clock, DomainError, type KeyValueStore, type MessageDelivery } from '@vaxledger/kernel';
import type { CertificateAccessLog } from '../certificate-access-log';
import type { CertificateHolderDirectory } from '../certificate-holders';
import type { CitizenChallenges } from './citizen-challenges';
import { citizenKey } from './citizen-keys';
import type { CitizenLookupInput } from './citizen-lookup.command';

export const citizenActor = { accountId: 'citizen', role: 'citizen', facilityId: null, provinceCode: null } as const;

export interface CitizenLookupLimits {
  perAddressPerHour: number;
  perIdPerHour: number;
}

export class CitizenLookupHandler {
  private readonly idKey: Buffer;

  constructor(
    private readonly holders: CertificateHolderDirectory,
    private readonly challenges: CitizenChallenges,
    private readonly delivery: MessageDelivery,
    private readonly kv: KeyValueStore,
    private readonly accessLog: CertificateAccessLog,
    private readonly clock: Clock,
    citizenRecordsKey: Buffer,
    private readonly limits: CitizenLookupLimits,
  ) {
    this.idKey = citizenKey(citizenRecordsKey, 'citizen-id');
  }

  async execute(origin: RequestOrigin, input: CitizenLookupInput): Promise<{ challengeId: string; phoneHint: string }> {
    const now = this.clock.now();
    const idHash = createHmac('sha256', this.idKey).update(input.idNumber.toUpperCase()).digest('hex');
    await this.take(`address:${origin.ip}`, this.limits.perAddressPerHour, now);
    await this.take(`id:${idHash}`, this.limits.perIdPerHour, now);

    const documentHolder = await this.holders.findByIdNumber(input.idNumber, null);
    const matched = documentHolder && (await this.holders.findByIdNumber(input.idNumber, input.fullName));
    const { challengeId, code } = await this.challenges.open(matched ? matched.subjectId : null);
    if (matched && code) {
      await this.delivery.send({
        to: matched.phone,
        channel: 'sms',
        purpose: 'citizen_otp',
        code,
        body: `vaxledger: ma xac nhan xem ho so tiem chung cua ban la ${code} (hieu luc 5 phut). Your vaccination record code is ${code}.`,
      });
    }
    await this.accessLog.record(citizenActor, origin, 'citizen.lookup', matched ? [matched.subjectId] : [], matched ? 'code_sent' : 'no_match');
    const lastDigits = documentHolder ? documentHolder.phone.slice(-2) : String(parseInt(idHash.slice(0, 8), 16) % 100).padStart(2, '0');
    return { challengeId, phoneHint: `+84 ••• ••• •${lastDigits}` };
  }

  private async take(key: string, limit: number, now: Date): Promise<void> {
    const hour = Math.floor(now.getTime() / 3_600_000);
    const count = await this.kv.increment(`certificates:citizen-lookup:${key}:${hour}`, 3_601_000);
    if (count > limit) {
      throw new DomainError('rate_limited', 'rate_limited', 'Too many look-ups; try again later.', {
        retryAfterSeconds: Math.ceil((3_600_000 - (now.getTime() % 3_600_000)) / 1000),
      });
    }
  }
}
