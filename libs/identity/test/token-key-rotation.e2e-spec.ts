/**
 * Access-token key ids and a verification key set (issue 14 item 3, token part): rotating identity's signing
 * key needs no flag day. Restarted with a new key and the old public key as "previous", the app keeps
 * accepting tokens signed before the switch; once the old key is dropped they are refused.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf } from '@vaxledger/auth';
import { IdentityTestKit, type SignedIn } from './identity-test-kit';

const pemPair = () =>
  generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('token signing key rotation without a flag day (issue 14 item 3)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-key-rotation-'));
  const oldKey = pemPair();
  const newKey = pemPair();
  let beforeRotation: SignedIn;
  const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());

  beforeAll(async () => {
    const kit = await IdentityTestKit.start({ dataDir, env: { JWT_PRIVATE_KEY: oldKey.privateKey } });
    try {
      const admin = await kit.bootstrapNationalAdmin();
      beforeRotation = await kit.signIn(admin);
    } finally {
      await kit.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('signs with the new key under its own kid and still accepts tokens of the previous key', async () => {
    const kit = await IdentityTestKit.start({ dataDir, env: { JWT_PRIVATE_KEY: newKey.privateKey, JWT_PREVIOUS_PUBLIC_KEYS: oldKey.publicKey } });
    try {
      expect(headerOf(beforeRotation.accessToken).kid).toBe(keyIdOf(createPublicKey(oldKey.publicKey)));
      const sessions = await kit.request('GET', '/api/v1/auth/sessions', { token: beforeRotation.accessToken });
      expect(sessions.status).toBe(200);
      // The registry verifies with the same key set.
      expect((await kit.request('POST', '/api/v1/subjects/search', { token: beforeRotation.accessToken, body: { fullName: 'Không Ai', phone: '0912345678' } })).status).toBe(200);
      const fresh = await kit.app.tokenFor({ role: 'auditor' });
      expect(headerOf(fresh).kid).toBe(keyIdOf(createPublicKey(newKey.publicKey)));
      expect((await kit.request('GET', '/api/v1/audit/events', { token: fresh })).status).toBe(200);
    } finally {
      await kit.close();
    }
  });

  it('refuses tokens of the old key once it is no longer listed', async () => {
    const kit = await IdentityTestKit.start({ dataDir, env: { JWT_PRIVATE_KEY: newKey.privateKey } });
    try {
      const refused = await kit.request('GET', '/api/v1/auth/sessions', { token: beforeRotation.accessToken });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('unauthenticated');
    } finally {
      await kit.close();
    }
  });
});
