/**
 * Follows registry's merges on `vaxledger.registry.subject.v1`: when registry merges a duplicate into a survivor
 * (`vaxledger.registry.subject.merged {subjectId, mergedInto}`), every dose of the duplicate's immunization record
 * moves to the survivor's; an unmerge (`vaxledger.registry.subject.unmerged {subjectId, formerSurvivorSubjectId}`)
 * moves the doses that came from the restored subject back. Schedule rules, the dose history and the FHIR bundle
 * then read one history.
 *
 * Two appends, each idempotent by the registry message id: the record the doses leave first, then the one they
 * join, with the doses read back from the first. A redelivery after a crash between the two finishes the second;
 * a replay of an old message does nothing.
 */
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, type CommandMetadata, type EventStore, opaqueIdPattern } from '@vaxledger/kernel';
import { ImmunizationRecords } from '../immunization-records';
import {
  type DoseTransferReason,
  immunizationStreamId,
} from '../domain/immunization-record.events';

export const subjectMergedType = 'vaxledger.registry.subject.merged';
export const subjectUnmergedType = 'vaxledger.registry.subject.unmerged';


export interface DoseTransferRequest {
  /** The record the doses leave, and the one they join. */
  from: string;
  to: string;
  reason: DoseTransferReason;
  transferId: string;
}

/** The transfer a registry message asks for, or null for any other message (or a malformed one). */
export function readDoseTransfer(message: CloudEvent): DoseTransferRequest | null {
  const data = (message.data ?? {}) as Record<string, unknown>;
  const valid = (value: unknown): value is string =>
    typeof value === 'string' && opaqueIdPattern.test(value);
  if (
    message.type === subjectMergedType &&
    valid(data.subjectId) &&
    valid(data.mergedInto) &&
    data.subjectId !== data.mergedInto
  )
    return { from: data.subjectId, to: data.mergedInto, reason: 'merge', transferId: message.id };
  if (
    message.type === subjectUnmergedType &&
    valid(data.subjectId) &&
    valid(data.formerSurvivorSubjectId) &&
    data.subjectId !== data.formerSurvivorSubjectId
  )
    return {
      from: data.formerSurvivorSubjectId,
      to: data.subjectId,
      reason: 'unmerge',
      transferId: message.id,
    };
  return null;
}

export class SubjectMergeConsumer {
  private readonly records: ImmunizationRecords;

  constructor(eventStore: EventStore) {
    this.records = new ImmunizationRecords(eventStore);
  }

  @EventPattern(Topics.registrySubject, { group: 'registry-merges' })
  async handle(message: CloudEvent): Promise<void> {
    const records = this.records;
    const transfer = readDoseTransfer(message);
    if (!transfer) return;
    const meta: CommandMetadata = {
      actor: { accountId: 'system:registry-feed' },
      now: new Date(message.time),
      correlationId: message.correlationid ?? message.id,
      causationId: message.id,
    };
    const { from, to, reason, transferId } = transfer;
    await records.handle(
      immunizationStreamId(from),
      { type: 'TransferDosesOut', subjectId: from, toSubjectId: to, reason, transferId },
      meta,
    );
    const { state } = await records.load(immunizationStreamId(from));
    const doses = state.movedOut?.[transferId] ?? [];
    await records.handle(
      immunizationStreamId(to),
      { type: 'TransferDosesIn', subjectId: to, fromSubjectId: from, reason, transferId, doses },
      meta,
    );
  }
}
