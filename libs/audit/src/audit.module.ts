import { type DynamicModule, Module } from '@nestjs/common';
import { tokenVerificationKeys, authProviders } from '@vaxledger/auth';
import {
  EVENT_PIPELINE,
  EventPipelineLifecycle,
  infrastructureProviders,
  type ServiceInfrastructure,
} from '@vaxledger/runtime';
import { type AuditComponents, createAuditComponents } from './audit.composition';
import { AUDIT_COMPONENTS, AuditLifecycle } from './audit-lifecycle';
import { QueryAuditEventsHandler } from './query-events/query-events.handler';
import { QueryAuditEventsController } from './query-events/query-events.http.controller';
import { VerifyTrailHandler } from './verify-trail/verify-trail.handler';
import { VerifyTrailController } from './verify-trail/verify-trail.http.controller';

/** The audit service: wired the same way in its own process (distributed) and in the standalone process. */
@Module({})
export class AuditModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    const fromComponents = <T>(pick: (audit: AuditComponents) => T) => ({
      useFactory: pick,
      inject: [AUDIT_COMPONENTS],
    });
    return {
      module: AuditModule,
      controllers: [QueryAuditEventsController, VerifyTrailController],
      providers: [
        ...infrastructureProviders(infra),
        ...authProviders(tokenVerificationKeys(infra.keys), infra.kv),
        { provide: AUDIT_COMPONENTS, useFactory: () => createAuditComponents(infra) },
        { provide: EVENT_PIPELINE, ...fromComponents((audit) => audit.pipeline) },
        // Each handler is provided under its class, taken from the one composed set.
        { provide: QueryAuditEventsHandler, ...fromComponents((audit) => audit.queryEvents) },
        { provide: VerifyTrailHandler, ...fromComponents((audit) => audit.verifyTrail) },
        EventPipelineLifecycle,
        AuditLifecycle,
      ],
    };
  }
}
