/** Payloads of the audit topics: access denials written by the services, and audit's own checkpoint anchors. */

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
