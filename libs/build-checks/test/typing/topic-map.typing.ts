/**
 * Compiled, never run (topic-map-typing.spec.ts runs tsc over it): what the typed topic map must accept and
 * refuse. Each `@ts-expect-error` fails the compile if the line it marks ever compiles again.
 */
import { type FacilityRegisteredMessage, Topics } from '@vaxledger/contracts';
import type { CloudEvent, EventBus, IntegrationMapper } from '@vaxledger/kernel';

declare const bus: EventBus;
declare function envelope<T>(data: T): CloudEvent<T>;

const facility: FacilityRegisteredMessage = { facilityId: 'f-1', code: 'HCM-01', name: 'Trạm Y tế', provinceCode: '79', districtCode: null };

export async function accepted(): Promise<void> {
  await bus.publish(Topics.identityOrganisation, [envelope(facility)]);
  await bus.subscribe({
    groupId: 'typing',
    topics: [Topics.identityOrganisation],
    handler: async (message) => {
      const code: string = message.data.code;
      void code;
    },
  });
}

export async function refused(): Promise<void> {
  // @ts-expect-error a topic the map does not name
  await bus.publish('vaxledger.nowhere.v1', [envelope(facility)]);
  // @ts-expect-error a payload that is not the topic's
  await bus.publish(Topics.identityOrganisation, [envelope({ subjectId: 's-1' })]);
  // @ts-expect-error a payload missing a field of the topic's
  await bus.publish(Topics.identityOrganisation, [envelope({ facilityId: 'f-1' })]);
  // @ts-expect-error an untyped message
  await bus.publish(Topics.identityOrganisation, [envelope<unknown>(facility)]);
  await bus.subscribe({
    groupId: 'typing',
    topics: [Topics.identityOrganisation],
    handler: async (message) => {
      // @ts-expect-error a field the topic's payload does not have
      void message.data.subjectId;
    },
  });
  // @ts-expect-error subscribing to a topic the map does not name
  await bus.subscribe({ groupId: 'typing', topics: ['vaxledger.nowhere.v1'], handler: async () => {} });
}

// @ts-expect-error an integration mapper that publishes another topic's payload
export const wrongMapper: IntegrationMapper = () => [{ topic: Topics.registrySubject, message: envelope(facility) }];
