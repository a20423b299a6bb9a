/** POST /accounts/:id/review: confirms the periodic access review of an account within the caller's scope. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import { presentState } from '../account-presentation';
import type { AdministeredAccounts } from '../scope/administered-accounts';

export class ReviewAccountHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly administered: AdministeredAccounts,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, accountId: string) {
    await this.administered.load(principal, origin, accountId, 'review');
    const meta = commandMetadata(principal, origin, this.clock.now());
    const result = await this.write.accounts.handle(
      identityStreams.account(accountId),
      { type: 'ReviewAccount', reviewedBy: principal.accountId, now: meta.now },
      meta,
    );
    return presentState(result.state, meta.now);
  }
}
