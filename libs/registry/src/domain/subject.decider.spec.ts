import { deciderSpec } from '@vaxledger/kernel';
import { subjectDecider, type SubjectCommand, type TransferDecider } from './subject.decider';
import type { SubjectEvent, SubjectRegistered } from './subject.events';
import type { SubjectProfile } from './subject-profile';

const profile: SubjectProfile = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-05-17',
  gender: 'male',
  idDocument: { type: 'CCCD', number: '001090012345' },
  phone: '+84912345678',
  address: { provinceCode: '01', districtCode: '005', wardCode: null, line: 'Số 12 Trần Duy Hưng' },
  priorityGroup: null,
  healthInsuranceNumber: null,
};

const subjectId = '0190a1b2-0000-7000-8000-000000000001';
const registered: SubjectRegistered = {
  type: 'SubjectRegistered',
  data: { subjectId, profile, managingFacilityId: 'fac-hanoi', managingProvinceCode: '01', registeredVia: 'api' },
};
const spec = deciderSpec(subjectDecider);

describe('the subject decider', () => {
  it('registers a subject with the creating facility as its managing facility', () => {
    spec
      .given([])
      .when({ type: 'RegisterSubject', subjectId, profile, facilityId: 'fac-hanoi', provinceCode: '01', via: 'api' })
      .then([registered]);
  });

  it('refuses to register the same subject stream twice, naming the record and its managing facility to the handler', () => {
    const error = spec
      .given([registered])
      .when({ type: 'RegisterSubject', subjectId, profile, facilityId: 'fac-other', provinceCode: '79', via: 'api' })
      .thenThrows('subject_already_registered');
    // Internal: the handlers record it and answer the caller without it (takenDocumentAnswer).
    expect(error.details).toEqual({ managingFacilityId: 'fac-hanoi', holderSubjectId: subjectId });
  });

  it('lets the managing facility change the name without a step-up', () => {
    spec
      .given([registered])
      .when({ type: 'ChangeSubjectProfile', patch: { fullName: 'Nguyễn Văn Anh' }, actorFacilityId: 'fac-hanoi', stepUpUsed: false })
      .then([
        {
          type: 'SubjectProfileChanged',
          data: {
            subjectId,
            changedFields: ['fullName'],
            values: { fullName: 'Nguyễn Văn Anh' },
            changedByFacilityId: 'fac-hanoi',
            stepUpUsed: false,
          },
        },
      ]);
  });

  it('refuses a name change by another facility without a step-up', () => {
    spec
      .given([registered])
      .when({ type: 'ChangeSubjectProfile', patch: { fullName: 'Nguyễn Văn Anh' }, actorFacilityId: 'fac-saigon', stepUpUsed: false })
      .thenThrows('step_up_required');
  });

  it('lets another facility change the phone without a step-up (not a sensitive field)', () => {
    const events = spec
      .given([registered])
      .when({ type: 'ChangeSubjectProfile', patch: { phone: '+84987654321' }, actorFacilityId: 'fac-saigon', stepUpUsed: false })
      .events();
    expect(events).toHaveLength(1);
  });

  it('still treats the creating facility as its own after management moved away (R6)', () => {
    const transferred: SubjectEvent[] = [
      registered,
      {
        type: 'SubjectManagementTransferRequested',
        data: { subjectId, requestId: 'r1', fromFacilityId: 'fac-hanoi', toFacilityId: 'fac-saigon', toProvinceCode: '79', requestedByFacilityId: 'fac-hanoi' },
      },
      {
        type: 'SubjectManagementTransferred',
        data: { subjectId, requestId: 'r1', fromFacilityId: 'fac-hanoi', toFacilityId: 'fac-saigon', managingProvinceCode: '79', decidedBy: 'facility' },
      },
    ];
    const change = (actorFacilityId: string): SubjectCommand => ({
      type: 'ChangeSubjectProfile',
      patch: { dateOfBirth: '1990-05-18' },
      actorFacilityId,
      stepUpUsed: false,
    });
    expect(spec.given(transferred).when(change('fac-hanoi')).events()).toHaveLength(1);
    expect(spec.given(transferred).when(change('fac-saigon')).events()).toHaveLength(1);
    spec.given(transferred).when(change('fac-danang')).thenThrows('step_up_required');
  });

  it('decides nothing when the change repeats the current values', () => {
    spec
      .given([registered])
      .when({ type: 'ChangeSubjectProfile', patch: { fullName: 'Nguyễn Văn An', phone: '+84912345678' }, actorFacilityId: 'fac-saigon', stepUpUsed: false })
      .then([]);
  });

  it('refuses a transfer asked by a facility that is neither the managing nor the receiving one', () => {
    spec
      .given([registered])
      .when({ type: 'RequestManagementTransfer', requestId: 'r1', toFacilityId: 'fac-saigon', toProvinceCode: null, requestedByFacilityId: 'fac-danang' })
      .thenThrows('out_of_scope');
  });

  describe('accepting a transfer (giving side only)', () => {
    const pulled: SubjectEvent = {
      type: 'SubjectManagementTransferRequested',
      data: { subjectId, requestId: 'r1', fromFacilityId: 'fac-hanoi', toFacilityId: 'fac-saigon', toProvinceCode: '79', requestedByFacilityId: 'fac-saigon' },
    };
    const pushed: SubjectEvent = {
      type: 'SubjectManagementTransferRequested',
      data: { subjectId, requestId: 'r1', fromFacilityId: 'fac-hanoi', toFacilityId: 'fac-saigon', toProvinceCode: null, requestedByFacilityId: 'fac-hanoi' },
    };
    const accept = (decidedBy: TransferDecider): SubjectCommand => ({
      type: 'AcceptManagementTransfer',
      requestId: 'r1',
      decidedBy,
      managingProvinceCode: '79',
    });
    const transferredBy = (decidedBy: 'facility' | 'province' | 'national'): SubjectEvent => ({
      type: 'SubjectManagementTransferred',
      data: { subjectId, requestId: 'r1', fromFacilityId: 'fac-hanoi', toFacilityId: 'fac-saigon', managingProvinceCode: '79', decidedBy },
    });

    it('lets the managing facility accept the receiving facility’s request', () => {
      spec.given([registered, pulled]).when(accept({ kind: 'facility', facilityId: 'fac-hanoi' })).then([transferredBy('facility')]);
    });

    it('never lets the receiving facility accept its own request, nor its province admin', () => {
      spec.given([registered, pulled]).when(accept({ kind: 'facility', facilityId: 'fac-saigon' })).thenThrows('out_of_scope');
      spec.given([registered, pulled]).when(accept({ kind: 'province', provinceCode: '79' })).thenThrows('out_of_scope');
    });

    it('lets the province admin of the managing facility and the national admin accept', () => {
      spec.given([registered, pulled]).when(accept({ kind: 'province', provinceCode: '01' })).then([transferredBy('province')]);
      spec.given([registered, pulled]).when(accept({ kind: 'national' })).then([transferredBy('national')]);
    });

    it('leaves a transfer the managing facility asked for to its province admin: neither facility accepts it', () => {
      spec.given([registered, pushed]).when(accept({ kind: 'facility', facilityId: 'fac-hanoi' })).thenThrows('out_of_scope');
      spec.given([registered, pushed]).when(accept({ kind: 'facility', facilityId: 'fac-saigon' })).thenThrows('out_of_scope');
      spec.given([registered, pushed]).when(accept({ kind: 'province', provinceCode: '01' })).then([transferredBy('province')]);
    });
  });

  it('refuses a second pending transfer', () => {
    const requested: SubjectEvent = {
      type: 'SubjectManagementTransferRequested',
      data: { subjectId, requestId: 'r1', fromFacilityId: 'fac-hanoi', toFacilityId: 'fac-saigon', toProvinceCode: null, requestedByFacilityId: 'fac-hanoi' },
    };
    spec
      .given([registered, requested])
      .when({ type: 'RequestManagementTransfer', requestId: 'r2', toFacilityId: 'fac-danang', toProvinceCode: null, requestedByFacilityId: 'fac-hanoi' })
      .thenThrows('transfer_already_pending');
  });

  it('marks a duplicate merged once, repeats harmlessly, and refuses a merge into a second survivor', () => {
    const merged: SubjectEvent = { type: 'SubjectMergedInto', data: { subjectId, survivorSubjectId: 'survivor-1' } };
    spec.given([registered]).when({ type: 'MarkMergedInto', survivorSubjectId: 'survivor-1' }).then([merged]);
    spec.given([registered, merged]).when({ type: 'MarkMergedInto', survivorSubjectId: 'survivor-1' }).then([]);
    spec.given([registered, merged]).when({ type: 'MarkMergedInto', survivorSubjectId: 'survivor-2' }).thenThrows('subject_already_merged');
  });

  it('refuses changes to a merged-away record, pointing at the survivor', () => {
    const error = spec
      .given([registered, { type: 'SubjectMergedInto', data: { subjectId, survivorSubjectId: 'survivor-1' } }])
      .when({ type: 'ChangeSubjectProfile', patch: { phone: '+84987654321' }, actorFacilityId: 'fac-hanoi', stepUpUsed: false })
      .thenThrows('subject_merged');
    expect(error.details).toEqual({ mergedInto: 'survivor-1' });
  });

  it('unmerges a duplicate back into an active record', () => {
    spec
      .given([registered, { type: 'SubjectMergedInto', data: { subjectId, survivorSubjectId: 'survivor-1' } }])
      .when({ type: 'Unmerge', formerSurvivorSubjectId: 'survivor-1' })
      .then([{ type: 'SubjectUnmerged', data: { subjectId, formerSurvivorSubjectId: 'survivor-1' } }]);
  });

  it('answers 404 for a command on a subject that was never registered', () => {
    spec.given([]).when({ type: 'ChangeSubjectProfile', patch: { phone: '+84987654321' }, actorFacilityId: 'f', stepUpUsed: true }).thenThrows('subject_not_found');
  });
});
