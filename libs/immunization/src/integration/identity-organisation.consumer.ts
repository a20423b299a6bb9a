/**
 * Learns facilities (code, name, province, district) from identity's `vaxledger.identity.organisation.v1` and
 * notes them in this service's log; the facilities read model is projected from there.
 */
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, CommandHandler, type EventStore, opaqueIdPattern } from '@vaxledger/kernel';
import {
  type FacilityNoted,
  type KnownFacility,
  knownFacilityDecider,
  knownFacilityStreamId,
  type NoteFacility,
} from '../domain/known-facility';

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.length <= max ? value : null;

export function readFacility(message: CloudEvent): KnownFacility | null {
  if (!/facility/i.test(message.type)) return null;
  const data = (message.data ?? {}) as Record<string, unknown>;
  if (typeof data.facilityId !== 'string' || !opaqueIdPattern.test(data.facilityId)) return null;
  const provinceCode = text(data.provinceCode, 2);
  if (!provinceCode && !data.code && !data.name) return null;
  return {
    facilityId: data.facilityId,
    code: text(data.code, 64),
    name: text(data.name, 200),
    provinceCode,
    districtCode: text(data.districtCode, 3),
  };
}

export class IdentityOrganisationConsumer {
  private readonly facilities: CommandHandler<NoteFacility, KnownFacility | null, FacilityNoted>;

  constructor(eventStore: EventStore) {
    this.facilities = new CommandHandler(eventStore, knownFacilityDecider);
  }

  @EventPattern(Topics.identityOrganisation, { group: 'identity-facilities' })
  async handle(message: CloudEvent): Promise<void> {
    const facility = readFacility(message);
    if (!facility) return;
    await this.facilities.handle(
      knownFacilityStreamId(facility.facilityId),
      { type: 'NoteFacility', facility },
      {
        actor: { accountId: 'system:identity-feed' },
        now: new Date(message.time),
        correlationId: message.correlationid ?? message.id,
        causationId: message.id,
      },
    );
  }
}
