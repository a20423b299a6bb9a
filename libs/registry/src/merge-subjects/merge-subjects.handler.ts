import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { mergeWithItself, subjectMerged } from '../domain/registry-errors';
import { requireProvinceOfBoth } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { mergeSubjectsSchema } from './merge-subjects.command';

/**
 * POST /subjects/:id/merge: duplicates, decided by the province admin of the province managing both records
 * (or the national admin). Both streams keep their whole history: the duplicate says where it went, the
 * survivor which records it absorbed. The duplicate is marked first; a retry after a crash in between finds it
 * marked and completes the survivor.
 */
export class MergeSubjectsHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, survivorId: string, body: unknown) {
    const { duplicateSubjectId } = parseInput(mergeSubjectsSchema, body);
    if (duplicateSubjectId === survivorId) throw mergeWithItself();
    const [survivor, duplicate] = await this.streams.loadPair(survivorId, duplicateSubjectId);
    if (survivor.status === 'merged') throw subjectMerged(survivor.mergedInto!);
    requireProvinceOfBoth(principal, survivor.managingProvinceCode, duplicate.managingProvinceCode);
    const meta = commandMetadata(principal, origin, this.clock.now());
    await this.streams.handle(duplicateSubjectId, { type: 'MarkMergedInto', survivorSubjectId: survivorId }, meta);
    await this.streams.handle(survivorId, { type: 'AbsorbDuplicate', duplicateSubjectId }, meta);
    return { subjectId: survivorId, mergedSubjectId: duplicateSubjectId };
  }
}
