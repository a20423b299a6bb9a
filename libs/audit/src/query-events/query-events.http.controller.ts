import { Controller, Get, HttpCode, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenGuard,
  CurrentOrigin,
  CurrentPrincipal,
  type Principal,
  type RequestOrigin,
} from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { QueryAuditEventsHandler } from './query-events.handler';
import { auditEventsPageExample, auditEventsPageSchema, queryAuditEventsSchema } from './query-events.query';

@ApiTags('audit')
@ApiBearerAuth('bearer')
@Controller('api/v1/audit/events')
@UseGuards(AccessTokenGuard)
export class QueryAuditEventsController {
  constructor(@Inject(QueryAuditEventsHandler) private readonly handler: QueryAuditEventsHandler) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Search the audit trail, newest first',
    description:
      'Auditors (national, or their province) and province admins (their province only). Filtering by subjectId is itself recorded in the trail. Dates without a time are whole UTC days.',
  })
  @ApiZodQuery(queryAuditEventsSchema, { type: 'vaxledger.access.recorded', from: '2026-09-01', to: '2026-09-30', limit: 50 })
  @ApiZodResponse(200, auditEventsPageSchema, { name: 'AuditEventsPage', description: 'Newest first', example: auditEventsPageExample })
  @ApiErrors({ 400: ['validation_failed'], 403: ['out_of_scope'], 422: ['invalid_range'] })
  list(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Query() query: unknown,
  ) {
    return this.handler.execute(principal, origin, query);
  }
}
