/**
 * POST /accounts/:id/suspend: suspends an account within the caller's scope. Every session of it ends at once,
 * and `AccountSuspended` makes every service refuse its tokens issued before that instant (reinstatement lifts
 * nothing: only sign-ins after it get working tokens). Nobody suspends their own account (the decider says so).
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import { presentState } from '../account-presentation';
import type { AdministeredAccounts } from '../scope/administered-accounts';
import type { AccountRevocation } from '../sessions/account-revocation';
import { suspendAccountSchema } from './suspend-account.command';

export class SuspendAccountHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly administered: AdministeredAccounts,
    private readonly revocation: AccountRevocation,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, accountId: string, body: unknown) {
    const { reason } = parseInput(suspendAccountSchema, body);
    await this.administered.load(principal, origin, accountId, 'suspend');
    const meta = commandMetadata(principal, origin, this.clock.now());
    const result = await this.write.accounts.handle(
      identityStreams.account(accountId),
      { type: 'SuspendAccount', reason, by: principal.accountId, now: meta.now },
      meta,
    );
    await this.revocation.revokeEverythingBefore(accountId, meta.now, meta.now);
    return presentState(result.state, meta.now);
  }
}
