import { hasRole, outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import type { Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { mergeWithItself, notMergedInto, subjectMerged, subjectNotFound } from '../domain/registry-errors';
import type { SubjectState } from '../domain/subject.decider';
import { commandMetadata } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { mergeSubjectsSchema } from './merge-subjects.command';

/**
 * Duplicates, decided by the province admin of the province managing both records (or the national admin).
 * Both streams keep their whole history: the duplicate says where it went, the survivor which records it absorbed.
 * The duplicate is marked first; a retry after a crash in between finds it marked and completes the survivor.
 */
export class MergeSubjectsHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly clock: Clock,
  ) {}

  async merge(principal: Principal, origin: RequestOrigin, survivorId: string, body: unknown) {
    const { duplicateSubjectId } = parseInput(mergeSubjectsSchema, body);
    if (duplicateSubjectId === survivorId) throw mergeWithItself();
    const [survivor, duplicate] = await this.loadPair(survivorId, duplicateSubjectId);
    if (survivor.status === 'merged') throw subjectMerged(survivor.mergedInto!);
    requireProvinceOfBoth(principal, survivor, duplicate);
    const meta = commandMetadata(principal, origin, this.clock);
    await this.streams.handle(duplicateSubjectId, { type: 'MarkMergedInto', survivorSubjectId: survivorId }, meta);
    await this.streams.handle(survivorId, { type: 'AbsorbDuplicate', duplicateSubjectId }, meta);
    return { subjectId: survivorId, mergedSubjectId: duplicateSubjectId };
  }

  async unmerge(principal: Principal, origin: RequestOrigin, survivorId: string, body: unknown) {
    const { duplicateSubjectId } = parseInput(mergeSubjectsSchema, body);
    const [survivor, duplicate] = await this.loadPair(survivorId, duplicateSubjectId);
    requireProvinceOfBoth(principal, survivor, duplicate);
    if (duplicate.mergedInto !== survivorId && !survivor.absorbedDuplicates.includes(duplicateSubjectId)) throw notMergedInto();
    const meta = commandMetadata(principal, origin, this.clock);
    await this.streams.handle(duplicateSubjectId, { type: 'Unmerge', formerSurvivorSubjectId: survivorId }, meta);
    await this.streams.handle(survivorId, { type: 'ReleaseDuplicate', duplicateSubjectId }, meta);
    return { subjectId: survivorId, unmergedSubjectId: duplicateSubjectId };
  }

  private async loadPair(survivorId: string, duplicateId: string): Promise<[SubjectState, SubjectState]> {
    const [survivor, duplicate] = await Promise.all([this.streams.load(survivorId), this.streams.load(duplicateId)]);
    if (survivor.state.status === 'unregistered' || duplicate.state.status === 'unregistered') throw subjectNotFound();
    return [survivor.state, duplicate.state];
  }
}

function requireProvinceOfBoth(principal: Principal, survivor: SubjectState, duplicate: SubjectState): void {
  if (hasRole(principal, 'national_admin')) return;
  if (!hasRole(principal, 'province_admin') || principal.provinceCode === null) {
    throw outOfScope('Duplicates are merged by the province health department.');
  }
  if (survivor.managingProvinceCode !== principal.provinceCode || duplicate.managingProvinceCode !== principal.provinceCode) {
    throw outOfScope('Both records must be managed in your province.');
  }
}
