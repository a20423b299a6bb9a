import { generateKeyPairSync } from 'node:crypto';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { MemoryStore } from '@vaxledger/kv-store';
import { AccessTokenGuard } from './access-token.guard';
import { signAccessToken } from './access-tokens';
import { BearerTokenStrategy } from './bearer-token.strategy';
import type { Principal } from './principal';
import { RevocationList } from './revocation';

/** The guard as a controller runs it: passport's AuthGuard over a module's BearerTokenStrategy. */
describe('AccessTokenGuard (passport bearer strategy)', () => {
  const keys = generateKeyPairSync('ed25519');
  const vaccinator: Principal = {
    accountId: 'account-1',
    role: 'staff',
    rights: ['data_entry'],
    facilityId: 'facility-1',
    provinceCode: '79',
    sessionId: 'session-1',
  };

  function moduleGuard(name: string, revocations = new RevocationList(new MemoryStore())) {
    return { guard: new AccessTokenGuard(new BearerTokenStrategy(name, keys.publicKey, revocations)), revocations };
  }

  function request(headers: Record<string, string> = {}, query: Record<string, string> = {}) {
    const req = { headers, query, body: {} } as { headers: Record<string, string>; principal?: Principal };
    return { req, context: new ExecutionContextHost([req, {}]) };
  }

  it('puts the verified caller of a valid bearer token on the request', async () => {
    const { guard } = moduleGuard('spec-bearer-valid');
    const { req, context } = request({ authorization: `Bearer ${await signAccessToken(vaccinator, keys.privateKey, 900, new Date())}` });

    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(req.principal).toEqual(vaccinator);
  });

  it('refuses a request without a bearer header, even with a token in the query string', async () => {
    const { guard } = moduleGuard('spec-bearer-missing');
    const token = await signAccessToken(vaccinator, keys.privateKey, 900, new Date());
    const { req, context } = request({}, { access_token: token });

    await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(req.principal).toBeUndefined();
  });

  it('refuses a forged token and a token of an ended session', async () => {
    const { guard, revocations } = moduleGuard('spec-bearer-revoked');
    const other = generateKeyPairSync('ed25519');
    const forged = request({ authorization: `Bearer ${await signAccessToken(vaccinator, other.privateKey, 900, new Date())}` });
    await expect(guard.canActivate(forged.context)).rejects.toMatchObject({ code: 'unauthenticated' });

    await revocations.revokeSession(vaccinator.sessionId);
    const ended = request({ authorization: `Bearer ${await signAccessToken(vaccinator, keys.privateKey, 900, new Date())}` });
    await expect(guard.canActivate(ended.context)).rejects.toMatchObject({ code: 'session_revoked' });
  });

  it("checks each module's own revocation list", async () => {
    const registry = moduleGuard('spec-bearer-registry');
    const audit = moduleGuard('spec-bearer-audit');
    await registry.revocations.revokeTokensIssuedBefore(vaccinator.accountId, new Date(Date.now() + 2_000));
    const header = { authorization: `Bearer ${await signAccessToken(vaccinator, keys.privateKey, 900, new Date())}` };

    await expect(registry.guard.canActivate(request(header).context)).rejects.toMatchObject({ code: 'session_revoked' });
    await expect(audit.guard.canActivate(request(header).context)).resolves.toBe(true);
  });
});
