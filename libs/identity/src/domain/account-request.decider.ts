/** A facility's list of staff asking for accounts (R4) and the province's decision on each person (R5). */
import type { Right } from '@vaxledger/contracts';
import { conflict, type Decider, ruleBroken, validationError } from '@vaxledger/kernel';
import type { Gender } from './account.events';

export interface StaffMember {
  fullName: string;
  gender: Gender;
  unit: string;
  position: string;
  email: string;
  phone: string;
  username: string;
  rights: Right[];
}

/** Each person gets their account id when the request is submitted, so a re-run approval creates the same account. */
export interface RequestedAccount extends StaffMember {
  accountId: string;
}

export type ItemStatus = 'pending' | 'approved' | 'rejected';
export type RequestStatus = 'pending' | 'approved' | 'partially_approved' | 'rejected';

export type AccountRequestSubmitted = {
  type: 'AccountRequestSubmitted';
  data: {
    requestId: string;
    facilityId: string;
    provinceCode: string;
    submittedBy: string;
    submittedAt: string;
    staff: RequestedAccount[];
  };
};
export type AccountRequestItemsApproved = {
  type: 'AccountRequestItemsApproved';
  data: { requestId: string; indexes: number[]; approvedBy: string; approvedAt: string };
};
export type AccountRequestRejected = {
  type: 'AccountRequestRejected';
  data: { requestId: string; indexes: number[]; reason: string; rejectedBy: string; rejectedAt: string };
};

export type AccountRequestEvent = AccountRequestSubmitted | AccountRequestItemsApproved | AccountRequestRejected;

export interface AccountRequestState {
  requestId: string | null;
  facilityId: string | null;
  provinceCode: string | null;
  staff: RequestedAccount[];
  itemStatus: ItemStatus[];
}

export type AccountRequestCommand =
  | {
      type: 'SubmitAccountRequest';
      requestId: string;
      facilityId: string;
      provinceCode: string;
      submittedBy: string;
      staff: RequestedAccount[];
      now: Date;
    }
  /** Records items whose accounts were created; `indexes` are the ones the approver selected. */
  | { type: 'ApproveItems'; indexes: number[]; approvedBy: string; now: Date }
  | { type: 'RejectRemaining'; reason: string; rejectedBy: string; now: Date };

export function requestStatus(items: readonly ItemStatus[]): RequestStatus {
  if (items.some((s) => s === 'pending')) return 'pending';
  if (items.every((s) => s === 'approved')) return 'approved';
  if (items.every((s) => s === 'rejected')) return 'rejected';
  return 'partially_approved';
}

/**
 * Turns the approver's selection (indexes or usernames; none = every pending item) into indexes, refusing
 * unknown entries and items that were already decided.
 */
export function selectPendingItems(state: AccountRequestState, selection: Array<number | string> | undefined): number[] {
  const pending = state.itemStatus.flatMap((s, i) => (s === 'pending' ? [i] : []));
  if (!selection || selection.length === 0) return pending;
  const chosen = new Set<number>();
  for (const entry of selection) {
    const index =
      typeof entry === 'number' ? entry : state.staff.findIndex((m) => m.username === entry.trim().toLowerCase());
    if (!Number.isInteger(index) || index < 0 || index >= state.staff.length) {
      throw validationError('unknown_request_item', 'An item to approve is not part of this request.', { item: entry });
    }
    if (state.itemStatus[index] !== 'pending') {
      throw conflict('request_item_decided', 'An item to approve was already approved or rejected.', { item: entry });
    }
    chosen.add(index);
  }
  return [...chosen].sort((a, b) => a - b);
}

export const accountRequestDecider: Decider<AccountRequestCommand, AccountRequestState, AccountRequestEvent> = {
  initialState: () => ({ requestId: null, facilityId: null, provinceCode: null, staff: [], itemStatus: [] }),
  decide(command, state) {
    const at = command.now.toISOString();
    if (command.type === 'SubmitAccountRequest') {
      if (state.requestId !== null) return [];
      const { requestId, facilityId, provinceCode, submittedBy, staff } = command;
      return [{ type: 'AccountRequestSubmitted', data: { requestId, facilityId, provinceCode, submittedBy, submittedAt: at, staff } }];
    }
    if (state.requestId === null) throw ruleBroken('account_request_missing', 'The account request does not exist.');
    if (command.type === 'ApproveItems') {
      const indexes = command.indexes.filter((i) => state.itemStatus[i] === 'pending');
      if (indexes.length === 0) return [];
      return [{ type: 'AccountRequestItemsApproved', data: { requestId: state.requestId, indexes, approvedBy: command.approvedBy, approvedAt: at } }];
    }
    const indexes = state.itemStatus.flatMap((s, i) => (s === 'pending' ? [i] : []));
    if (indexes.length === 0) throw conflict('account_request_decided', 'Every item of this request was already decided.');
    return [
      {
        type: 'AccountRequestRejected',
        data: { requestId: state.requestId, indexes, reason: command.reason, rejectedBy: command.rejectedBy, rejectedAt: at },
      },
    ];
  },
  evolve(state, event) {
    switch (event.type) {
      case 'AccountRequestSubmitted':
        return {
          requestId: event.data.requestId,
          facilityId: event.data.facilityId,
          provinceCode: event.data.provinceCode,
          staff: event.data.staff,
          itemStatus: event.data.staff.map(() => 'pending' as const),
        };
      case 'AccountRequestItemsApproved':
        return { ...state, itemStatus: state.itemStatus.map((s, i) => (event.data.indexes.includes(i) ? 'approved' : s)) };
      case 'AccountRequestRejected':
        return { ...state, itemStatus: state.itemStatus.map((s, i) => (event.data.indexes.includes(i) ? 'rejected' : s)) };
      default:
        return state;
    }
  },
};
