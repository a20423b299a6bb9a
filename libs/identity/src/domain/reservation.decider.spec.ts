import { deciderSpec } from '@vaxledger/kernel';
import { reservationDecider, ReservationTaken } from './reservation.decider';

describe('a reservation stream', () => {
  const spec = deciderSpec(reservationDecider);
  const now = new Date('2021-07-01T00:00:00Z');

  it('is claimed by its first owner', () => {
    spec.given([]).when({ type: 'Claim', ownerId: 'a-1', now }).then([{ type: 'ReservationClaimed', data: { ownerId: 'a-1', claimedAt: now.toISOString() } }]);
  });

  it('is already held when the same owner claims it again', () => {
    spec.given([{ type: 'ReservationClaimed', data: { ownerId: 'a-1', claimedAt: now.toISOString() } }]).when({ type: 'Claim', ownerId: 'a-1', now }).then([]);
  });

  it('refuses a second owner', () => {
    expect(() =>
      spec.given([{ type: 'ReservationClaimed', data: { ownerId: 'a-1', claimedAt: now.toISOString() } }]).when({ type: 'Claim', ownerId: 'a-2', now }).events(),
    ).toThrow(ReservationTaken);
  });
});
