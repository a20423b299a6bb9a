/**
 * Write-side uniqueness: a reservation stream (`username-<sha256>`, `national-admin`, `facility-code-<sha256>`)
 * holds one owner. Appending with the expected revision makes two concurrent claims impossible.
 */
import type { Decider } from '@vaxledger/kernel';

export type ReservationClaimed = { type: 'ReservationClaimed'; data: { ownerId: string; claimedAt: string } };
export type ReservationEvent = ReservationClaimed;

export interface ReservationState {
  ownerId: string | null;
}

export type ReservationCommand = { type: 'Claim'; ownerId: string; now: Date };

export class ReservationTaken extends Error {
  constructor(readonly ownerId: string) {
    super('reservation held by another owner');
    this.name = 'ReservationTaken';
  }
}

export const reservationDecider: Decider<ReservationCommand, ReservationState, ReservationEvent> = {
  initialState: () => ({ ownerId: null }),
  decide(command, state) {
    if (state.ownerId === command.ownerId) return [];
    if (state.ownerId !== null) throw new ReservationTaken(state.ownerId);
    return [{ type: 'ReservationClaimed', data: { ownerId: command.ownerId, claimedAt: command.now.toISOString() } }];
  },
  evolve: (state, event) => (event.type === 'ReservationClaimed' && state.ownerId === null ? { ownerId: event.data.ownerId } : state),
};
