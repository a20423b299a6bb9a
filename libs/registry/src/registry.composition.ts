/**
 * Builds the registry's collaborators from the service infrastructure, once per process. The Nest module
 * hands the pieces to controllers; the CLI importer builds its own smaller set from the same parts.
 */
import { AccessDenials, idIn, RevocationConsumer, RevocationList, type StepUpGate } from '@vaxledger/auth';
import { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';

import type { IntegrationMapper } from '@vaxledger/kernel';
import type { EventPipelineDefinition, ServiceInfrastructure } from '@vaxledger/runtime';
import { AccessRecorder } from './access-records/access-recorder';
import { TakenDocumentLookups } from './access-records/taken-document-lookups';
import { AcceptTransferHandler } from './accept-transfer/accept-transfer.handler';
import { ChangeSubjectProfileHandler } from './change-subject-profile/change-subject-profile.handler';
import { GetSubjectHandler } from './get-subject/get-subject.handler';
import { registryHolderFeed } from './integration/registry-holder-feed';
import { registryIntegration } from './integration/registry.integration';
import { ListFacilitySubjectsHandler } from './list-facility-subjects/list-facility-subjects.handler';
import { MergeSubjectsHandler } from './merge-subjects/merge-subjects.handler';
import { LookupHasher } from './privacy/lookup-hasher';
import { DoseSummariesConsumer } from './read-models/dose-summaries.consumer';
import { FacilityDirectoryConsumer } from './read-models/facility-directory.consumer';
import { FacilitySubjectsProjection } from './read-models/facility-subjects.projection';
import { openRegistryCollections, type RegistryCollections } from './read-models/registry-collections';
import { SubjectLookupProjection } from './read-models/subject-lookup.projection';
import { RegisterSubjectHandler } from './register-subject/register-subject.handler';
import { RequestTransferHandler } from './request-transfer/request-transfer.handler';
import type { RegistrySettings } from './registry-settings';
import { SearchRateLimiter } from './search-subjects/search-rate-limiter';
import { SearchSubjectsHandler } from './search-subjects/search-subjects.handler';
import { SubjectHistoryHandler } from './subject-history/subject-history.handler';
import { SubjectStreams } from './subject-streams';
import { UnmergeSubjectsHandler } from './unmerge-subjects/unmerge-subjects.handler';

export interface RegistryServices {
  streams: SubjectStreams;
  collections: RegistryCollections;
  pipeline: EventPipelineDefinition;
  registerSubject: RegisterSubjectHandler;
  changeSubjectProfile: ChangeSubjectProfileHandler;
  getSubject: GetSubjectHandler;
  subjectHistory: SubjectHistoryHandler;
  searchSubjects: SearchSubjectsHandler;
  requestTransfer: RequestTransferHandler;
  acceptTransfer: AcceptTransferHandler;
  mergeSubjects: MergeSubjectsHandler;
  unmergeSubjects: UnmergeSubjectsHandler;
  listFacilitySubjects: ListFacilitySubjectsHandler;
}

/**
 * Everything registry's relay publishes: the subject and access topics (`registryIntegration`, which audit
 * reconciles its trail with) and the certificate holder feed.
 */
export function registryPublications(hasher: LookupHasher): IntegrationMapper {
  const holderFeed = registryHolderFeed(hasher);
  return (event) => [...registryIntegration(event), ...holderFeed(event)];
}

/** The projections of the registry's own log, for the live pipeline and for `projections rebuild`. */
export function registryProjections(collections: RegistryCollections, hasher: LookupHasher) {
  return [new SubjectLookupProjection(collections.lookup, hasher), new FacilitySubjectsProjection(collections.facilitySubjects)];
}

export async function createRegistryServices(
  infra: ServiceInfrastructure,
  settings: RegistrySettings,
  stepUp: StepUpGate,
): Promise<RegistryServices> {
  const countAppended = (count: number) => infra.metrics.eventsAppended.inc({ service: infra.service }, count);
  const hasher = LookupHasher.fromKeys(infra.keys.purposeKeys);
  const streams = new SubjectStreams(infra.eventStore, hasher, {
    staleReservationGraceMs: settings.staleReservationGraceMs,
    onAppended: countAppended,
  });
  const collections = await openRegistryCollections(infra.readModels);
  const access = new AccessRecorder(infra.eventStore, countAppended);
  const clock = infra.clock;
  const limiter = new SearchRateLimiter(infra.kv, settings.searchRatePerMinute, settings.searchRatePerDay);
  const takenDocuments = new TakenDocumentLookups(limiter, access, hasher);
  const crossFacilityReads = new CrossFacilityReadGate(infra.kv, settings.crossFacilityReadsPerHour, 'registry');
  const denials = new AccessDenials(infra.bus, clock, infra.logger, 'registry');
  return {
    streams,
    collections,
    pipeline: {
      projections: registryProjections(collections, hasher),
      integration: registryPublications(hasher),
      consumers: [
        new DoseSummariesConsumer(collections.doseSummaries),
        new FacilityDirectoryConsumer(collections.facilities),
        // Logout and suspension take effect here at once, not when the access token expires.
        new RevocationConsumer(new RevocationList(infra.kv)),
      ],
    },
    // Every refusal on access grounds (403, 400 purpose_required, 429 over the read quota) is recorded as a denial.
    registerSubject: denials.recording(new RegisterSubjectHandler(streams, takenDocuments, clock), 'subject.register', () => ({})),
    changeSubjectProfile: denials.recording(
      new ChangeSubjectProfileHandler(streams, stepUp, takenDocuments, clock),
      'subject.profile.change',
      (subjectId) => ({ subjectId }),
    ),
    getSubject: denials.recording(
      new GetSubjectHandler(streams, collections.doseSummaries, access, crossFacilityReads, clock),
      'subject.read',
      (subjectId) => ({ subjectId }),
    ),
    subjectHistory: denials.recording(
      new SubjectHistoryHandler(streams, access, crossFacilityReads, clock),
      'subject.history.read',
      (subjectId) => ({ subjectId }),
    ),
    searchSubjects: denials.recording(
      new SearchSubjectsHandler(collections.lookup, collections.doseSummaries, hasher, limiter, access, streams, clock),
      'subject.search',
      () => ({}),
    ),
    requestTransfer: denials.recording(
      new RequestTransferHandler(streams, collections.facilities, clock),
      'subject.transfer.request',
      (subjectId, body) => ({ subjectId, facilityId: idIn(body, 'toFacilityId') }),
    ),
    acceptTransfer: denials.recording(
      new AcceptTransferHandler(streams, collections.facilities, clock),
      'subject.transfer.accept',
      (subjectId, requestId) => ({ subjectId, requestId }),
    ),
    mergeSubjects: denials.recording(new MergeSubjectsHandler(streams, clock), 'subject.merge', (subjectId, body) => ({
      subjectId,
      duplicateSubjectId: idIn(body, 'duplicateSubjectId'),
    })),
    unmergeSubjects: denials.recording(new UnmergeSubjectsHandler(streams, clock), 'subject.unmerge', (subjectId, body) => ({
      subjectId,
      duplicateSubjectId: idIn(body, 'duplicateSubjectId'),
    })),
    listFacilitySubjects: denials.recording(
      new ListFacilitySubjectsHandler(collections.facilitySubjects, collections.facilities, access, clock),
      'subject.list',
      (facilityId) => ({ facilityId }),
    ),
  };
}
