/**
 * Reads one bus message into a trail entry draft: who acted, on which subjects, in which province and
 * facility, and the protected payload. Any vaxledger event is accepted (audit keeps everything); a message is
 * refused — and then parked, never dropped — only when it cannot be read faithfully: data that is not an
 * object, or an access record / login attempt missing what makes it one.
 */
import { accessDeniedType, Topics } from '@vaxledger/contracts';
import type { CloudEvent } from '@vaxledger/kernel';
import { protectPersonalData } from './personal-data-protection';
import type { TrailActor, TrailEntryDraft } from './trail-entry';

export const accessRecordedType = 'vaxledger.access.recorded';
const loginTopic: string = Topics.identityLogin;
const subjectTopic: string = Topics.registrySubject;
const accessTopic: string = Topics.auditAccess;
/** Topics whose `accountId` names the account that acted (the one signing in, the one looking). */
const actorAccountTopics: ReadonlySet<string> = new Set([loginTopic, accessTopic]);

export type TrailIntakeParse = { ok: true; draft: TrailEntryDraft } | { ok: false; error: string };

const maxIdLength = 200;

export function parseForTrail(message: CloudEvent, topic: string): TrailIntakeParse {
  const data = message.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse(
      `data must be a JSON object, got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}`,
    );
  }
  const record = data as Record<string, unknown>;
  const isAccessRecord =
    topic === accessTopic || message.type === accessRecordedType || message.type === accessDeniedType;

  const actor = actorOf(record, topic, message);
  if (typeof actor === 'string') return refuse(actor);
  if (isAccessRecord) {
    if (typeof record.action !== 'string' || record.action.length === 0)
      return refuse('an access record needs "action"');
    if (!actor.accountId) return refuse('an access record needs "actor.accountId"');
  }
  if (
    topic === loginTopic &&
    record.accountId !== undefined &&
    record.accountId !== null &&
    !isId(record.accountId)
  ) {
    return refuse('"accountId" of a login attempt must be an id string');
  }

  const subjectIds = subjectIdsOf(record, topic, message.partitionkey, message.type === accessDeniedType);
  if (typeof subjectIds === 'string') return refuse(subjectIds);
  if (
    message.type === accessRecordedType &&
    record.subjectIds === undefined &&
    record.subjectId === undefined
  ) {
    return refuse('an access record needs "subjectIds" (an empty list when nothing was found)');
  }

  const { kept, masked } = protectPersonalData(record);
  return {
    ok: true,
    draft: {
      eventId: message.id,
      topic,
      type: message.type,
      source: message.source,
      occurredAt: message.time,
      partitionKey: message.partitionkey,
      correlationId: message.correlationid ?? null,
      actor,
      subjectIds,
      provinceCode:
        scopeValue(record.provinceCode) ??
        scopeValue(nested(record.facility, 'provinceCode')) ??
        actor.provinceCode,
      facilityId:
        scopeValue(record.facilityId) ??
        scopeValue(nested(record.facility, 'facilityId')) ??
        actor.facilityId,
      payload: kept,
      maskedFields: masked,
    },
  };
}

/**
 * Access records and integration events carry `actor: {accountId, facilityId, provinceCode}`; some producers
 * name it differently. A login attempt's actor is the account trying to sign in.
 */
function actorOf(data: Record<string, unknown>, topic: string, message: CloudEvent): TrailActor | string {
  const candidate = data.actor ?? data.recordedBy ?? data.performedBy;
  if (candidate !== undefined && candidate !== null) {
    if (typeof candidate === 'string')
      return isId(candidate)
        ? { accountId: candidate, facilityId: null, provinceCode: null }
        : 'actor must be an id';
    if (typeof candidate !== 'object' || Array.isArray(candidate)) return '"actor" must be an object';
    const actor = candidate as Record<string, unknown>;
    const accountId = actor.accountId ?? actor.id;
    if (accountId !== undefined && accountId !== null && !isId(accountId))
      return '"actor.accountId" must be an id string';
    return {
      accountId: (accountId as string | undefined) ?? null,
      facilityId: scopeValue(actor.facilityId),
      provinceCode: scopeValue(actor.provinceCode),
    };
  }
  const ownAccount = actorAccountTopics.has(topic);
  const named = data.actorAccountId ?? data.actorId ?? (ownAccount ? data.accountId : undefined);
  if (named !== undefined && named !== null) {
    if (!isId(named)) return 'the actor id must be an id string';
    return {
      accountId: named,
      facilityId: ownAccount ? scopeValue(data.facilityId) : null,
      provinceCode: ownAccount ? scopeValue(data.provinceCode) : null,
    };
  }
  // A producer may carry the actor as CloudEvent extension attributes instead of in the data.
  const extensions = message as unknown as Record<string, unknown>;
  if (isId(extensions.actorid)) {
    return {
      accountId: extensions.actorid,
      facilityId: scopeValue(extensions.actorfacilityid),
      provinceCode: scopeValue(extensions.actorprovincecode),
    };
  }
  return { accountId: null, facilityId: null, provinceCode: null };
}

/**
 * Every subject an event concerns: `subjectIds`, `subjectId`, `…SubjectId(s)`; a subject topic's key is one. A
 * denial names the subjects it aimed at in its `target`, so "who tried to reach X" finds the refused attempts too.
 */
function subjectIdsOf(
  data: Record<string, unknown>,
  topic: string,
  partitionKey: string,
  denial: boolean,
): string[] | string {
  const found: string[] = [];
  const add = (value: unknown, field: string): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') {
      if (!isId(value)) return `"${field}" must be an id`;
      if (!found.includes(value)) found.push(value);
      return null;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (!isId(item)) return `"${field}" must be a list of ids`;
        if (!found.includes(item)) found.push(item);
      }
      return null;
    }
    return `"${field}" must be an id or a list of ids`;
  };
  const target = denial ? data.target : undefined;
  const fields = [
    ...Object.entries(data),
    ...(typeof target === 'object' && target !== null && !Array.isArray(target)
      ? Object.entries(target as Record<string, unknown>).map(([field, value]) => [`target.${field}`, value] as const)
      : []),
  ];
  for (const [field, value] of fields) {
    if (/^(target\.)?subjectIds?$/.test(field) || /SubjectIds?$/.test(field)) {
      const problem = add(value, field);
      if (problem) return problem;
    }
  }
  if (found.length === 0 && topic === subjectTopic) found.push(partitionKey);
  return found;
}

function scopeValue(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= maxIdLength ? value : null;
}

function nested(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxIdLength;
}

function refuse(error: string): TrailIntakeParse {
  return { ok: false, error };
}
