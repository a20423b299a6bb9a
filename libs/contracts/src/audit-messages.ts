/** Payloads of the audit topics: access records written by the services (denials: access-denials.ts), and audit's own anchors. */

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
