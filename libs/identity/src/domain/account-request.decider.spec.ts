import { deciderSpec } from '@vaxledger/kernel';
import { accountRequestDecider, requestStatus, selectPendingItems, type AccountRequestEvent, type RequestedAccount } from './account-request.decider';

const member = (username: string, accountId: string): RequestedAccount => ({
  fullName: 'Phạm Văn An',
  gender: 'male',
  unit: 'Tiêm chủng',
  position: 'Bác sĩ',
  email: `${username}@example.vn`,
  phone: '+84912345678',
  username,
  rights: ['data_entry'],
  accountId,
});

const submitted: AccountRequestEvent = {
  type: 'AccountRequestSubmitted',
  data: {
    requestId: 'r-1',
    facilityId: 'f-1',
    provinceCode: '01',
    submittedBy: 'fa-1',
    submittedAt: '2021-07-01T00:00:00.000Z',
    staff: [member('an.pham', 'a-1'), member('binh.le', 'a-2'), member('chi.tran', 'a-3')],
  },
};
const now = new Date('2021-07-02T00:00:00Z');

describe('the account request decider', () => {
  const spec = deciderSpec(accountRequestDecider);
  const fold = (events: AccountRequestEvent[]) => events.reduce(accountRequestDecider.evolve, accountRequestDecider.initialState());

  it('selects every pending item when the approver names none', () => {
    expect(selectPendingItems(fold([submitted]), undefined)).toEqual([0, 1, 2]);
  });

  it('selects items by index or by username', () => {
    expect(selectPendingItems(fold([submitted]), [2, 'an.pham'])).toEqual([0, 2]);
  });

  it('refuses to approve an item that was already decided', () => {
    const approved = spec.given([submitted]).when({ type: 'ApproveItems', indexes: [0], approvedBy: 'pa', now }).events();
    expect(() => selectPendingItems(fold([submitted, ...approved]), ['an.pham'])).toThrow(/already approved or rejected/);
  });

  it('is partially approved when the rest is rejected after some approvals', () => {
    const approved = spec.given([submitted]).when({ type: 'ApproveItems', indexes: [0, 1], approvedBy: 'pa', now }).events();
    const rejected = spec.given([submitted, ...approved]).when({ type: 'RejectRemaining', reason: 'not on staff list', rejectedBy: 'pa', now }).events();
    expect(rejected[0]).toMatchObject({ type: 'AccountRequestRejected', data: { indexes: [2] } });
    expect(requestStatus(fold([submitted, ...approved, ...rejected]).itemStatus)).toBe('partially_approved');
  });

  it('refuses to reject a request with nothing pending', () => {
    const approved = spec.given([submitted]).when({ type: 'ApproveItems', indexes: [0, 1, 2], approvedBy: 'pa', now }).events();
    spec.given([submitted, ...approved]).when({ type: 'RejectRemaining', reason: 'late', rejectedBy: 'pa', now }).thenThrows('account_request_decided');
  });
});
