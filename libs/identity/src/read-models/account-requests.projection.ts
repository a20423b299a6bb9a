import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { type AccountRequestEvent, type ItemStatus, requestStatus } from '../domain/account-request.decider';
import type { AccountRequestView, IdentityViews } from './identity-views';

/** Account requests by province and status, for the province's review queue. */
export class AccountRequestsProjection implements Projection {
  readonly name = 'identity.account-requests';
  readonly handles = new Set(['AccountRequestSubmitted', 'AccountRequestItemsApproved', 'AccountRequestRejected']);

  constructor(private readonly views: IdentityViews) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const requests = await this.views.requests();
    const event = recorded as unknown as AccountRequestEvent;
    if (event.type === 'AccountRequestSubmitted') {
      const d = event.data;
      await requests.upsert(
        {
          id: d.requestId,
          facilityId: d.facilityId,
          provinceCode: d.provinceCode,
          status: 'pending',
          submittedAt: d.submittedAt,
          submittedBy: d.submittedBy,
          decidedAt: null,
          rejectionReason: null,
          items: d.staff.map((m, index) => ({ index, ...m, status: 'pending' })),
        },
        recorded.position,
      );
      return;
    }
    const current = await requests.get(event.data.requestId);
    if (!current) return;
    const decided = new Set(event.data.indexes);
    const status: ItemStatus = event.type === 'AccountRequestItemsApproved' ? 'approved' : 'rejected';
    const items = current.items.map((item) => (decided.has(item.index) ? { ...item, status } : item));
    const next: AccountRequestView = {
      ...current,
      items,
      status: requestStatus(items.map((i) => i.status)),
      decidedAt: event.type === 'AccountRequestItemsApproved' ? event.data.approvedAt : event.data.rejectedAt,
      rejectionReason: event.type === 'AccountRequestRejected' ? event.data.reason : current.rejectionReason,
    };
    await requests.upsert(next, recorded.position);
  }

  async reset(): Promise<void> {
    await (await this.views.requests()).clear();
  }
}
