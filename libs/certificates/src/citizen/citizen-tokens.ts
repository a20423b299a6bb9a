/**
 * The citizen's short-lived token: HS256 under a key derived from the citizenRecords purpose key for this one job, naming
 * one subject. It opens `GET /api/v1/citizen/record` and nothing else: staff endpoints verify EdDSA tokens of
 * identity, and this audience is refused there.
 */
import { DomainError, newOpaqueId } from '@vaxledger/kernel';
import { jwtVerify, SignJWT } from 'jose';
import { citizenKey } from './citizen-keys';

const issuer = 'vaxledger-certificates';
const audience = 'vaxledger-citizen';

export class CitizenTokens {
  private readonly key: Uint8Array;

  constructor(
    citizenRecordsKey: Buffer,
    private readonly ttlSeconds: number,
  ) {
    this.key = new Uint8Array(citizenKey(citizenRecordsKey, 'citizen-token'));
  }

  async sign(subjectId: string, now: Date): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subjectId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .setJti(newOpaqueId())
      .sign(this.key);
  }

  async verify(token: string): Promise<{ subjectId: string }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer, audience, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string') throw new Error('no subject');
      return { subjectId: payload.sub };
    } catch {
      throw new DomainError('unauthenticated', 'citizen_token_invalid', 'The citizen token is missing, expired or not valid; ask for a new code.');
    }
  }
}
