import { Controller, Get, HttpCode, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenGuard,
  CurrentOrigin,
  CurrentPrincipal,
  type Principal,
  type RequestOrigin,
} from '@vaxledger/auth';
import { QueryAuditEventsHandler } from './query-events.handler';

const itemSchema = {
  type: 'object',
  properties: {
    sequence: { type: 'integer' },
    eventId: { type: 'string' },
    type: { type: 'string', example: 'vaxledger.access.recorded' },
    topic: { type: 'string' },
    action: { type: 'string', nullable: true, example: 'subject.read' },
    occurredAt: { type: 'string', format: 'date-time' },
    receivedAt: { type: 'string', format: 'date-time' },
    actor: {
      type: 'object',
      properties: {
        accountId: { type: 'string', nullable: true },
        facilityId: { type: 'string', nullable: true },
        provinceCode: { type: 'string', nullable: true },
      },
    },
    subjectIds: { type: 'array', items: { type: 'string' } },
    facilityId: { type: 'string', nullable: true },
    provinceCode: { type: 'string', nullable: true },
    outcome: { type: 'string', nullable: true },
    purpose: { type: 'string', nullable: true },
    origin: {
      type: 'object',
      nullable: true,
      properties: { ip: { type: 'string', nullable: true }, userAgent: { type: 'string', nullable: true } },
    },
    fieldsTouched: {
      type: 'array',
      items: { type: 'string' },
      description: 'Names only; values are never kept.',
    },
    details: {
      type: 'object',
      description: 'The event data as the trail keeps it: ids, codes, outcome, origin.',
    },
  },
};

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
  @ApiQuery({ name: 'actorId', required: false })
  @ApiQuery({ name: 'subjectId', required: false })
  @ApiQuery({ name: 'type', required: false, description: 'CloudEvent type, e.g. vaxledger.access.recorded' })
  @ApiQuery({ name: 'facilityId', required: false })
  @ApiQuery({ name: 'provinceCode', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD or ISO 8601 timestamp' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD or ISO 8601 timestamp' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 50' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: itemSchema },
        nextCursor: { type: 'string', nullable: true },
      },
    },
  })
  @ApiResponse({ status: 400, description: 'validation_failed, invalid_cursor, invalid_range' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  list(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Query() query: unknown,
  ) {
    return this.handler.execute(principal, origin, query);
  }
}
