/** POST /accounts/:id/reinstate: lifts a suspension within the caller's scope; tokens from before it stay refused. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import { presentState } from '../account-presentation';
import type { AdministeredAccounts } from '../scope/administered-accounts';

export class ReinstateAccountHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly administered: AdministeredAccounts,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, accountId: string) {
    await this.administered.load(principal, origin, accountId, 'reinstate');
    const meta = commandMetadata(principal, origin, this.clock.now());
    const result = await this.write.accounts.handle(identityStreams.account(accountId), { type: 'ReinstateAccount', by: principal.accountId, now: meta.now }, meta);
    return presentState(result.state, meta.now);
  }
}
