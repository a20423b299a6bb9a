/**
 * Identity's public integration events. Account and session events go to `vaxledger.identity.account.v1`,
 * facilities to `vaxledger.identity.organisation.v1`, sign-in records to `vaxledger.identity.login.v1`.
 * Payloads carry ids, roles and scope only: no names, contacts, password hashes, secrets or tokens.
 */
import {
  type AccountGrantedMessage,
  type AccountStatusMessage,
  type FacilityRegisteredMessage,
  type IdentityAccountMessage,
  identitySource as source,
  type LoginAttemptMessage,
  type SessionEndedMessage,
  type StaffAccessRecordedMessage,
  Topics,
} from '@vaxledger/contracts';
import { type IntegrationMapper, type RecordedEvent, type TopicMessage, toCloudEvent } from '@vaxledger/kernel';
import type { AccountEvent } from '../domain/account.events';
import type { FacilityRegistered } from '../domain/facility.decider';
import type { LoginAttempted, SessionEnded } from '../domain/sign-in.events';
import type { StaffDataAccessRecorded } from '../scope/staff-data-access';

function accountMessage(event: RecordedEvent, accountId: string, data: IdentityAccountMessage): TopicMessage[] {
  return [{ topic: Topics.identityAccount, message: toCloudEvent(event, { source, partitionkey: accountId, data }) }];
}

export const identityIntegration: IntegrationMapper = (event) => {
  switch (event.type) {
    case 'StaffDataAccessRecorded': {
      // An access record (R8) like the registry's, so the audit trail keeps who read which staff data.
      const d = (event as unknown as StaffDataAccessRecorded).data;
      return [
        {
          topic: Topics.auditAccess,
          message: toCloudEvent<StaffAccessRecordedMessage>(event, {
            source,
            type: 'vaxledger.access.recorded',
            partitionkey: d.accountId,
            data: {
              accessId: event.metadata.eventId,
              service: 'identity',
              ...d,
              subjectIds: [],
              occurredAt: event.metadata.occurredAt,
              correlationId: event.metadata.correlationId,
            },
          }),
        },
      ];
    }
    case 'FacilityRegistered': {
      const d = (event as unknown as FacilityRegistered).data;
      return [
        {
          topic: Topics.identityOrganisation,
          message: toCloudEvent<FacilityRegisteredMessage>(event, {
            source,
            partitionkey: d.facilityId,
            data: { facilityId: d.facilityId, code: d.code, name: d.name, provinceCode: d.provinceCode, districtCode: d.districtCode },
          }),
        },
      ];
    }
    case 'AccountGranted': {
      const d = (event as unknown as Extract<AccountEvent, { type: 'AccountGranted' }>).data;
      const granted: AccountGrantedMessage = {
        accountId: d.accountId,
        role: d.role,
        rights: d.rights,
        facilityId: d.facilityId,
        provinceCode: d.provinceCode,
        requestId: d.requestId,
        grantedAt: d.grantedAt,
      };
      return accountMessage(event, d.accountId, granted);
    }
    case 'AccountActivated':
    case 'AccountSuspended':
    case 'AccountReinstated':
    case 'AccountLocked':
    case 'AccountUnlocked':
    case 'AccountReviewed': {
      const d = (event as unknown as AccountEvent).data as AccountStatusMessage;
      return accountMessage(event, d.accountId, d);
    }
    case 'PasswordResetIssued': {
      // Who reset it and when (the revocation instant): the token's hash stays inside identity.
      const d = (event as unknown as Extract<AccountEvent, { type: 'PasswordResetIssued' }>).data;
      return accountMessage(event, d.accountId, { accountId: d.accountId, issuedBy: d.issuedBy, issuedAt: d.issuedAt, expiresAt: d.expiresAt });
    }
    case 'PasswordChanged': {
      const d = (event as unknown as Extract<AccountEvent, { type: 'PasswordChanged' }>).data;
      return accountMessage(event, d.accountId, { accountId: d.accountId, changedAt: d.changedAt });
    }
    case 'SessionEnded': {
      const d: SessionEndedMessage = (event as unknown as SessionEnded).data;
      return accountMessage(event, d.accountId, d);
    }
    case 'LoginAttempted': {
      const d: LoginAttemptMessage = (event as unknown as LoginAttempted).data;
      return [
        {
          topic: Topics.identityLogin,
          message: toCloudEvent<LoginAttemptMessage>(event, { source, partitionkey: d.accountId ?? `unknown-${d.usernameKey ?? 'none'}`, data: d }),
        },
      ];
    }
    default:
      // Credentials, activation tickets, reservations and requests stay inside identity.
      return [];
  }
};
