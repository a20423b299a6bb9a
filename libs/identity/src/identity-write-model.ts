/** The write side of identity: one CommandHandler per aggregate, reservations, and sign-in records. */
import { usernameReservationKey } from './credentials/one-time-secrets';
import {
  type CommandMetadata,
  CommandHandler,
  type EventStore,
  withMetadata,
} from '@vaxledger/kernel';
import { type AccountCommand, accountDecider, type AccountState } from './domain/account.decider';
import type { AccountEvent } from './domain/account.events';
import {
  type AccountRequestCommand,
  accountRequestDecider,
  type AccountRequestEvent,
  type AccountRequestState,
} from './domain/account-request.decider';
import { type FacilityCommand, facilityDecider, type FacilityEvent, type FacilityState } from './domain/facility.decider';
import { accountNotFound, facilityNotFound, requestNotFound } from './domain/identity-errors';
import {
  type ReservationCommand,
  reservationDecider,
  type ReservationEvent,
  type ReservationState,
  ReservationTaken,
} from './domain/reservation.decider';
import type { SignInEvent } from './domain/sign-in.events';
import { identityStreams } from './identity-streams';

export interface FacilityScope {
  facilityId: string;
  provinceCode: string;
  code: string;
  name: string;
  districtCode: string | null;
}

export class IdentityWriteModel {
  readonly accounts: CommandHandler<AccountCommand, AccountState, AccountEvent>;
  readonly facilities: CommandHandler<FacilityCommand, FacilityState, FacilityEvent>;
  readonly requests: CommandHandler<AccountRequestCommand, AccountRequestState, AccountRequestEvent>;
  private readonly reservations: CommandHandler<ReservationCommand, ReservationState, ReservationEvent>;

  constructor(
    readonly store: EventStore,
    /** The `usernames` purpose key: names username reservation streams. */
    private readonly usernamesKey: Buffer,
  ) {
    this.accounts = new CommandHandler(store, accountDecider);
    this.facilities = new CommandHandler(store, facilityDecider);
    this.requests = new CommandHandler(store, accountRequestDecider);
    this.reservations = new CommandHandler(store, reservationDecider, { maxRetries: 5 });
  }

  /** Claims a reservation stream for `ownerId`; true when it is (now or already) theirs. */
  async claim(streamId: string, ownerId: string, meta: CommandMetadata): Promise<boolean> {
    try {
      await this.reservations.handle(streamId, { type: 'Claim', ownerId, now: meta.now }, meta);
      return true;
    } catch (error) {
      if (error instanceof ReservationTaken) return false;
      throw error;
    }
  }

  async reservationOwner(streamId: string): Promise<string | null> {
    return (await this.reservations.load(streamId)).state.ownerId;
  }

  accountIdForUsername(username: string): Promise<string | null> {
    return this.reservationOwner(this.usernameReservationStream(username));
  }

  usernameReservationStream(username: string): string {
    return identityStreams.usernameReservation(usernameReservationKey(this.usernamesKey, username));
  }

  async account(accountId: string): Promise<AccountState> {
    const { state } = await this.accounts.load(identityStreams.account(accountId));
    if (state.lifecycle === 'none') throw accountNotFound();
    return state;
  }

  async findAccount(accountId: string): Promise<AccountState | null> {
    const { state } = await this.accounts.load(identityStreams.account(accountId));
    return state.lifecycle === 'none' ? null : state;
  }

  async facility(facilityId: string): Promise<FacilityScope> {
    if (!/^[0-9a-f-]{36}$/.test(facilityId)) throw facilityNotFound();
    const { state } = await this.facilities.load(identityStreams.facility(facilityId));
    if (!state.facilityId || !state.provinceCode || !state.code || !state.name) throw facilityNotFound();
    return {
      facilityId: state.facilityId,
      provinceCode: state.provinceCode,
      code: state.code,
      name: state.name,
      districtCode: state.districtCode,
    };
  }

  async request(requestId: string): Promise<AccountRequestState & { requestId: string }> {
    if (!/^[0-9a-f-]{36}$/.test(requestId)) throw requestNotFound();
    const { state } = await this.requests.load(identityStreams.accountRequest(requestId));
    if (!state.requestId) throw requestNotFound();
    return state as AccountRequestState & { requestId: string };
  }

  /** Sign-in records and session events are facts, never decisions: appended without a revision check. */
  async record(streamId: string, event: SignInEvent, meta: CommandMetadata): Promise<void> {
    await this.store.append(streamId, withMetadata([event], meta), 'any');
  }
}
