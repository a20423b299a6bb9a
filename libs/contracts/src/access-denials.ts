/**
 * A refused attempt, recorded where the rules say so (issue 13): a `vaxledger.access.denied` CloudEvent on
 * `vaxledger.audit.access.v1`, published by the refusing service and taken into the audit trail. It carries ids
 * and codes only — never names, ID numbers, phones or the body of the refused request.
 */
export const accessDeniedType = 'vaxledger.access.denied';

/** The services that refuse on access grounds; each publishes its denials with source `/vaxledger/<service>`. */
export type RefusingService = 'identity' | 'registry' | 'immunization';

/** What the refused attempt aimed at: ids only. */
export interface DeniedTarget {
  accountId?: string;
  facilityId?: string;
  provinceCode?: string;
  requestId?: string;
  sessionId?: string;
  subjectId?: string;
  /** The second record of a merge or unmerge. */
  duplicateSubjectId?: string;
  doseId?: string;
  planId?: string;
  certificateId?: string;
}

export interface AccessDeniedData {
  service: RefusingService;
  actor: {
    accountId: string;
    role: string;
    facilityId: string | null;
    provinceCode: string | null;
    /** The session the refused request came from (a step-up token of another session is refused). */
    sessionId: string | null;
  };
  /** What was tried, e.g. `subject.profile.change`, `identity.account_request.approve`. */
  action: string;
  target: DeniedTarget;
  /** The error code the attempt was answered with: `out_of_scope`, `step_up_required`, `purpose_required`, `rate_limited`. */
  reason: string;
  /** Why, where the code alone does not say: e.g. `step_up_other_subject`, `cross_facility_read_quota`. */
  cause?: string;
  outcome: 'denied';
  time: string;
}
