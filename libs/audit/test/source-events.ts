import { type NewEvent, newId } from '@vaxledger/kernel';

/** A registry event the trail must take in, older than the source grace period so verify expects it there. */
export const transfer = (subjectId: string): NewEvent => ({
  type: 'SubjectManagementTransferred',
  data: { subjectId, fromFacilityId: newId(), toFacilityId: newId(), managingProvinceCode: '79' },
  metadata: {
    eventId: newId(),
    correlationId: newId(),
    causationId: null,
    actor: { accountId: newId(), facilityId: null, provinceCode: '79' },
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    schemaVersion: 1,
  },
});
