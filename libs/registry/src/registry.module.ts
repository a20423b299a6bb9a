import { type DynamicModule, Module } from '@nestjs/common';
import { tokenVerificationKeys, authProviders, StepUpGate } from '@vaxledger/auth';
import {
  EVENT_PIPELINE,
  EventPipeline,
  EventPipelineLifecycle,
  infrastructureProviders,
  type ServiceInfrastructure,
} from '@vaxledger/runtime';
import { AcceptTransferController } from './accept-transfer/accept-transfer.http.controller';
import { AcceptTransferHandler } from './accept-transfer/accept-transfer.handler';
import { ChangeSubjectProfileController } from './change-subject-profile/change-subject-profile.http.controller';
import { ChangeSubjectProfileHandler } from './change-subject-profile/change-subject-profile.handler';
import { GetSubjectController } from './get-subject/get-subject.http.controller';
import { GetSubjectHandler } from './get-subject/get-subject.handler';
import { ListFacilitySubjectsController } from './list-facility-subjects/list-facility-subjects.http.controller';
import { ListFacilitySubjectsHandler } from './list-facility-subjects/list-facility-subjects.handler';
import { MergeSubjectsController } from './merge-subjects/merge-subjects.http.controller';
import { MergeSubjectsHandler } from './merge-subjects/merge-subjects.handler';
import { RegisterSubjectController } from './register-subject/register-subject.http.controller';
import { RegisterSubjectHandler } from './register-subject/register-subject.handler';
import { RequestTransferController } from './request-transfer/request-transfer.http.controller';
import { RequestTransferHandler } from './request-transfer/request-transfer.handler';
import { createRegistryServices, type RegistryServices } from './registry.composition';
import { registrySettingsFrom } from './registry-settings';
import { SearchSubjectsController } from './search-subjects/search-subjects.http.controller';
import { SearchSubjectsHandler } from './search-subjects/search-subjects.handler';
import { SubjectHistoryController } from './subject-history/subject-history.http.controller';
import { SubjectHistoryHandler } from './subject-history/subject-history.handler';
import { UnmergeSubjectsController } from './unmerge-subjects/unmerge-subjects.http.controller';
import { UnmergeSubjectsHandler } from './unmerge-subjects/unmerge-subjects.handler';

export const REGISTRY_SERVICES = Symbol('REGISTRY_SERVICES');

/** Each handler is provided under its class, taken from the one composed set. */
const handlerProviders: Array<[new (...args: never[]) => unknown, keyof RegistryServices]> = [
  [RegisterSubjectHandler, 'registerSubject'],
  [ChangeSubjectProfileHandler, 'changeSubjectProfile'],
  [GetSubjectHandler, 'getSubject'],
  [SubjectHistoryHandler, 'subjectHistory'],
  [SearchSubjectsHandler, 'searchSubjects'],
  [RequestTransferHandler, 'requestTransfer'],
  [AcceptTransferHandler, 'acceptTransfer'],
  [MergeSubjectsHandler, 'mergeSubjects'],
  [UnmergeSubjectsHandler, 'unmergeSubjects'],
  [ListFacilitySubjectsHandler, 'listFacilitySubjects'],
];

/** The registry service: wired the same way in its own process (distributed) and in the standalone process. */
@Module({})
export class RegistryModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    // Validated here, at start-up: a bad value stops the process with the variable's name.
    const settings = registrySettingsFrom(infra.settings);
    return {
      module: RegistryModule,
      controllers: [
        SearchSubjectsController,
        RegisterSubjectController,
        GetSubjectController,
        ChangeSubjectProfileController,
        SubjectHistoryController,
        RequestTransferController,
        AcceptTransferController,
        MergeSubjectsController,
        UnmergeSubjectsController,
        ListFacilitySubjectsController,
      ],
      providers: [
        ...infrastructureProviders(infra),
        ...authProviders(tokenVerificationKeys(infra.keys), infra.kv),
        {
          provide: REGISTRY_SERVICES,
          useFactory: (stepUp: StepUpGate) => createRegistryServices(infra, settings, stepUp),
          inject: [StepUpGate],
        },
        ...handlerProviders.map(([handler, key]) => ({
          provide: handler,
          useFactory: (services: RegistryServices) => services[key],
          inject: [REGISTRY_SERVICES],
        })),
        {
          provide: EVENT_PIPELINE,
          useFactory: (services: RegistryServices) => new EventPipeline(infra, services.pipeline),
          inject: [REGISTRY_SERVICES],
        },
        EventPipelineLifecycle,
      ],
    };
  }
}
