import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { AccessTokenVerifier, signAccessToken } from './access-tokens';
import { accessAudience, type Principal, tokenIssuer } from './principal';
import { keyIdOf, TokenVerificationKeys } from './token-keys';

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

describe('token key ids and a verification key set', () => {
  const current = generateKeyPairSync('ed25519');
  const previous = generateKeyPairSync('ed25519');
  const foreign = generateKeyPairSync('ed25519');
  const principal: Principal = { accountId: 'a-1', role: 'staff', rights: [], facilityId: 'f-1', provinceCode: '01', sessionId: 's-1' };
  const now = new Date();
  const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());

  it('names the signing key in the kid header, the same id for the private and the public half', async () => {
    const token = await signAccessToken(principal, current.privateKey, 900, now);
    expect(headerOf(token).kid).toBe(keyIdOf(current.publicKey));
    expect(keyIdOf(current.privateKey)).toBe(keyIdOf(current.publicKey));
    expect(keyIdOf(current.publicKey)).not.toBe(keyIdOf(previous.publicKey));
  });

  it('accepts tokens of the current and the previous key during a rotation, and refuses a retired or foreign key', async () => {
    const rotating = new TokenVerificationKeys(current.publicKey, [previous.publicKey]);
    const byPrevious = await signAccessToken(principal, previous.privateKey, 900, now);
    const byCurrent = await signAccessToken(principal, current.privateKey, 900, now);
    expect((await new AccessTokenVerifier(rotating).verify(byPrevious, now)).accountId).toBe('a-1');
    expect((await new AccessTokenVerifier(rotating).verify(byCurrent, now)).accountId).toBe('a-1');
    const retired = new TokenVerificationKeys(current.publicKey);
    await expect(new AccessTokenVerifier(retired).verify(byPrevious, now)).rejects.toMatchObject({ code: 'unauthenticated' });
    const byForeign = await signAccessToken(principal, foreign.privateKey, 900, now);
    await expect(new AccessTokenVerifier(rotating).verify(byForeign, now)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a foreign signature that claims a trusted kid', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const forged = await new SignJWT({ role: 'national_admin', rights: [], fac: null, prov: null, sid: 's-9' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keyIdOf(current.publicKey) })
      .setSubject('attacker')
      .setIssuer(tokenIssuer)
      .setAudience(accessAudience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(foreign.privateKey);
    await expect(new AccessTokenVerifier(new TokenVerificationKeys(current.publicKey, [previous.publicKey])).verify(forged, now)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('checks a token without a kid (issued before key ids) against the current key only', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const legacy = (key: typeof current.privateKey) =>
      new SignJWT({ role: 'staff', rights: [], fac: null, prov: null, sid: 's-1' })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
        .setSubject('a-1')
        .setIssuer(tokenIssuer)
        .setAudience(accessAudience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 900)
        .sign(key);
    const keys = new TokenVerificationKeys(current.publicKey, [previous.publicKey]);
    expect((await new AccessTokenVerifier(keys).verify(await legacy(current.privateKey), now)).accountId).toBe('a-1');
    await expect(new AccessTokenVerifier(keys).verify(await legacy(previous.privateKey), now)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
