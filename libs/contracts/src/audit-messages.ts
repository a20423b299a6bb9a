/** Payloads of the audit topics: access records and denials written by the services, and audit's own anchors. */

/** What every access record (R8, type `vaxledger.access.recorded`) names: who looked, where from, at what. */
export interface AccessRecordFields {
  /** The stored event's id. */
  accessId: string;
  action: string;
  accountId: string;
  role: string;
  facilityId: string | null;
  provinceCode: string | null;
  subjectIds: string[];
  purpose: string | null;
  occurredAt: string;
  correlationId: string;
}

/** On `vaxledger.audit.access.v1`, type `vaxledger.access.denied`: an out-of-scope attempt, refused (403). */
export interface AccessDeniedMessage {
  service: string;
  actor: { accountId: string; role: string; facilityId: string | null; provinceCode: string | null };
  action: string;
  target: { accountId?: string; facilityId?: string; provinceCode?: string; requestId?: string; sessionId?: string; subjectId?: string };
  reason: string;
  time: string;
}

/** On `vaxledger.audit.checkpoints.v1`, keyed `<kind>:<sequence>`: one signed checkpoint of the trail. */
export interface CheckpointAnchorMessage {
  kind: 'periodic' | 'retention' | 'export';
  sequence: number;
  hash: string;
  at: string;
  signature: string;
  keyId: string;
  /** The exact content the signature covers. */
  signed: string;
}
