import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, newId, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { invalidProfile } from '../domain/registry-errors';
import { normaliseSubjectProfile } from '../domain/subject-profile';
import { calendarDateInVietnam } from '../domain/vietnam-calendar';
import type { TakenDocumentLookups } from '../access-records/taken-document-lookups';
import { requireRegistrar } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { registerSubjectSchema } from './register-subject.command';

/**
 * POST /subjects: the creating facility becomes the managing facility; one subject per ID document. A taken
 * document is answered as a lookup (counted, recorded, naming no other facility): see TakenDocumentLookups.
 */
export class RegisterSubjectHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly takenDocuments: TakenDocumentLookups,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<{ subjectId: string }> {
    requireRegistrar(principal);
    const input = parseInput(registerSubjectSchema, body);
    const meta = commandMetadata(principal, origin, this.clock.now());
    const profile = normaliseSubjectProfile(input, calendarDateInVietnam(meta.now));
    if (!profile.ok) throw invalidProfile(profile.problems);
    await this.takenDocuments.ensureQuotaLeft(principal, meta.now);
    const subjectId = await this.takenDocuments.attempt(principal, origin, profile.value.idDocument, meta.now, async () => {
      // Reserve first: the reservation names the subject id, so an interrupted registration is completed by a retry.
      const reserved = await this.streams.reserveDocument(profile.value.idDocument, newId(), 'register', meta);
      await this.streams.handle(
        reserved,
        {
          type: 'RegisterSubject',
          subjectId: reserved,
          profile: profile.value,
          facilityId: principal.facilityId,
          provinceCode: principal.provinceCode,
          via: 'api',
        },
        meta,
      );
      return reserved;
    });
    return { subjectId };
  }
}
