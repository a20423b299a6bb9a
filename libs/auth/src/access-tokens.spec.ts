import { generateKeyPairSync } from 'node:crypto';
import { AccessTokenVerifier, signAccessToken } from './access-tokens';
import type { Principal } from './principal';

describe('AccessTokenVerifier', () => {
  const keys = generateKeyPairSync('ed25519');
  const vaccinator: Principal = {
    accountId: 'account-1',
    role: 'staff',
    rights: ['data_entry'],
    facilityId: 'facility-1',
    provinceCode: '79',
    sessionId: 'session-1',
  };
  const issuedAt = new Date('2021-08-02T02:00:00Z');
  const later = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

  it('accepts the same valid token again, handing each caller its own copy of the principal', async () => {
    const token = await signAccessToken(vaccinator, keys.privateKey, 900, issuedAt);
    const verifier = new AccessTokenVerifier(keys.publicKey);

    const first = await verifier.verify(token, later(1));
    first.rights.push('subject_management');
    const second = await verifier.verify(token, later(2));

    expect(second).toEqual(vaccinator);
  });

  it('refuses a remembered token once it has expired', async () => {
    const token = await signAccessToken(vaccinator, keys.privateKey, 60, issuedAt);
    const verifier = new AccessTokenVerifier(keys.publicKey);
    await verifier.verify(token, later(30));

    await expect(verifier.verify(token, later(61))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a token signed with another key, and keeps refusing it', async () => {
    const other = generateKeyPairSync('ed25519');
    const forged = await signAccessToken(vaccinator, other.privateKey, 900, issuedAt);
    const verifier = new AccessTokenVerifier(keys.publicKey);

    await expect(verifier.verify(forged, later(1))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verifier.verify(forged, later(2))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('keeps at most its bound of tokens, still verifying the ones it forgot', async () => {
    const verifier = new AccessTokenVerifier(keys.publicKey, 2);
    const tokens = await Promise.all(
      ['s1', 's2', 's3'].map((sessionId) => signAccessToken({ ...vaccinator, sessionId }, keys.privateKey, 900, issuedAt)),
    );
    for (const token of tokens) await verifier.verify(token, later(1));

    expect((await verifier.verify(tokens[0], later(2))).sessionId).toBe('s1');
  });
});
