/**
 * Every topic with the CloudEvents `data` it carries: the map the EventBus port (libs/kernel) types `publish`
 * and `subscribe` against, so an unknown topic or a payload of the wrong shape does not compile.
 */
import type { AccessDeniedData } from './access-denials';
import type { CheckpointAnchorMessage } from './audit-messages';
import type { FacilityRegisteredMessage, IdentityAccountMessage, LoginAttemptMessage, StaffAccessRecordedMessage } from './identity-messages';
import type {
  CertificateAccessMessage,
  DoseReportMessage,
  DueListAccessMessage,
  ImmunizationRecordTopicMessage,
  RecordAccessMessage,
} from './immunization-messages';
import type { AccessRecordedMessage, RegistryHolderMessage, RegistrySubjectMessage } from './registry-messages';
import { Topics } from './topics';

/** A type alias, not an interface: it must satisfy `Record<string, unknown>`, the shape of any topic map. */
export type TopicPayloads = {
  [Topics.identityAccount]: IdentityAccountMessage;
  [Topics.identityLogin]: LoginAttemptMessage;
  [Topics.identityOrganisation]: FacilityRegisteredMessage;
  [Topics.registrySubject]: RegistrySubjectMessage;
  [Topics.registryHolder]: RegistryHolderMessage;
  [Topics.immunizationDose]: DoseReportMessage;
  [Topics.immunizationRecord]: ImmunizationRecordTopicMessage;
  [Topics.auditAccess]:
    | AccessRecordedMessage
    | StaffAccessRecordedMessage
    | RecordAccessMessage
    | DueListAccessMessage
    | CertificateAccessMessage
    | AccessDeniedData;
  [Topics.auditCheckpoints]: CheckpointAnchorMessage;
};

/** The payload of one topic. */
export type TopicPayload<T extends keyof TopicPayloads> = TopicPayloads[T];
