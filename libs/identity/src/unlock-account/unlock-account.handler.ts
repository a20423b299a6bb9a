/** POST /accounts/:id/unlock: lifts a lock caused by failed sign-ins, and clears the counters that led to it. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import { usernameKey } from '../credentials/one-time-secrets';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import { presentState } from '../account-presentation';
import type { LoginThrottle } from '../login/login-throttle';
import type { ConsecutiveFailures } from '../otp/failure-counter';
import type { AdministeredAccounts } from '../scope/administered-accounts';

export class UnlockAccountHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly administered: AdministeredAccounts,
    private readonly failures: ConsecutiveFailures,
    private readonly loginThrottle: LoginThrottle,
    /** Identity's purpose key for usernames: the throttle counts per keyed username. */
    private readonly usernamesKey: Buffer,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, accountId: string) {
    const account = await this.administered.load(principal, origin, accountId, 'unlock');
    const meta = commandMetadata(principal, origin, this.clock.now());
    const result = await this.write.accounts.handle(
      identityStreams.account(accountId),
      { type: 'UnlockAccount', unlockedBy: principal.accountId, now: meta.now },
      meta,
    );
    await this.failures.reset(accountId);
    if (account.username) await this.loginThrottle.reset(usernameKey(this.usernamesKey, account.username));
    return presentState(result.state, meta.now);
  }
}
