import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import type { LoginAttempted } from '../domain/sign-in.events';
import type { IdentityViews } from './identity-views';

/** Login history (R3): every attempt with its outcome, queryable per account and per scope. */
export class SignInsProjection implements Projection {
  readonly name = 'identity.sign-ins';
  readonly handles = new Set(['LoginAttempted']);

  constructor(private readonly views: IdentityViews) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'LoginAttempted') return;
    const d = (recorded as unknown as LoginAttempted).data;
    const signIns = await this.views.signIns();
    await signIns.upsert({ id: d.attemptId, ...d }, recorded.position);
  }

  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const signIns = await this.views.signIns();
    await signIns.upsertMany(
      events
        .filter((e) => e.type === 'LoginAttempted')
        .map((e) => {
          const d = (e as unknown as LoginAttempted).data;
          return { doc: { id: d.attemptId, ...d }, position: e.position };
        }),
    );
  }

  async reset(): Promise<void> {
    await (await this.views.signIns()).clear();
  }
}
