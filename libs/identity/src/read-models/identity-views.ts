/** The read models of identity: their documents, collections and indexes. */
import type { Right, Role } from '@vaxledger/auth';
import type { ReadModelCollection, ReadModelStore } from '@vaxledger/kernel';
import type { Gender, OtpMethod } from '../domain/account.events';
import type { ItemStatus, RequestStatus } from '../domain/account-request.decider';
import type { SignInMethod, SignInOutcome, SignInStage } from '../domain/sign-in.events';

export interface FacilityView {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  districtCode: string | null;
  registeredAt: string;
}

export interface AccountView {
  id: string;
  username: string;
  role: Role;
  rights: Right[];
  facilityId: string | null;
  provinceCode: string | null;
  lifecycle: 'pending_activation' | 'enrolling' | 'active';
  suspended: boolean;
  lockedUntil: string | null;
  otpMethod: OtpMethod | null;
  fullName: string;
  gender: Gender;
  position: string;
  unit: string | null;
  email: string;
  phone: string;
  requestId: string | null;
  grantedAt: string;
  activatedAt: string | null;
  lastReviewedAt: string | null;
  /** `lastReviewedAt`, or '' when never reviewed: lets `notReviewedSince` be one range query. */
  reviewedKey: string;
}

export interface AccountRequestItemView {
  index: number;
  accountId: string;
  fullName: string;
  gender: Gender;
  unit: string;
  position: string;
  email: string;
  phone: string;
  username: string;
  rights: Right[];
  status: ItemStatus;
}

export interface AccountRequestView {
  id: string;
  facilityId: string;
  provinceCode: string;
  status: RequestStatus;
  submittedAt: string;
  submittedBy: string;
  decidedAt: string | null;
  rejectionReason: string | null;
  items: AccountRequestItemView[];
}

export interface SignInView {
  id: string;
  attemptId: string;
  challengeId: string | null;
  accountId: string | null;
  usernameKey: string | null;
  at: string;
  ip: string;
  userAgent: string;
  stage: SignInStage;
  method: SignInMethod;
  outcome: SignInOutcome;
  provinceCode: string | null;
  facilityId: string | null;
}

const definitions = {
  facilities: { name: 'identity_facilities', indexes: [{ fields: ['provinceCode'] }, { fields: ['code'] }] },
  accounts: {
    name: 'identity_accounts',
    indexes: [{ fields: ['provinceCode'] }, { fields: ['facilityId'] }, { fields: ['role'] }, { fields: ['reviewedKey'] }],
  },
  requests: {
    name: 'identity_account_requests',
    indexes: [{ fields: ['provinceCode', 'status'] }, { fields: ['facilityId'] }, { fields: ['status'] }],
  },
  signIns: {
    name: 'identity_sign_ins',
    indexes: [{ fields: ['accountId', 'at'] }, { fields: ['usernameKey', 'at'] }, { fields: ['provinceCode', 'at'] }, { fields: ['at'] }],
  },
};

/** Collections are opened once, on first use. */
export class IdentityViews {
  private opened: Promise<{
    facilities: ReadModelCollection<FacilityView>;
    accounts: ReadModelCollection<AccountView>;
    requests: ReadModelCollection<AccountRequestView>;
    signIns: ReadModelCollection<SignInView>;
  }> | null = null;

  constructor(private readonly store: ReadModelStore) {}

  private open() {
    this.opened ??= (async () => ({
      facilities: await this.store.collection<FacilityView>(definitions.facilities),
      accounts: await this.store.collection<AccountView>(definitions.accounts),
      requests: await this.store.collection<AccountRequestView>(definitions.requests),
      signIns: await this.store.collection<SignInView>(definitions.signIns),
    }))();
    return this.opened;
  }

  async facilities() {
    return (await this.open()).facilities;
  }
  async accounts() {
    return (await this.open()).accounts;
  }
  async requests() {
    return (await this.open()).requests;
  }
  async signIns() {
    return (await this.open()).signIns;
  }
}
