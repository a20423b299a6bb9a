import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { notMergedInto } from '../domain/registry-errors';
import { requireProvinceOfBoth } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { unmergeSubjectsSchema } from './unmerge-subjects.command';

/** POST /subjects/:id/unmerge: undoes a merge, decided by the same people who merge; both histories say so. */
export class UnmergeSubjectsHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, survivorId: string, body: unknown) {
    const { duplicateSubjectId } = parseInput(unmergeSubjectsSchema, body);
    const [survivor, duplicate] = await this.streams.loadPair(survivorId, duplicateSubjectId);
    requireProvinceOfBoth(principal, survivor.managingProvinceCode, duplicate.managingProvinceCode);
    if (duplicate.mergedInto !== survivorId && !survivor.absorbedDuplicates.includes(duplicateSubjectId)) throw notMergedInto();
    const meta = commandMetadata(principal, origin, this.clock.now());
    await this.streams.handle(duplicateSubjectId, { type: 'Unmerge', formerSurvivorSubjectId: survivorId }, meta);
    await this.streams.handle(survivorId, { type: 'ReleaseDuplicate', duplicateSubjectId }, meta);
    return { subjectId: survivorId, unmergedSubjectId: duplicateSubjectId };
  }
}
