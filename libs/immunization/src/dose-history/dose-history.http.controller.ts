import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { parseId } from '../ids';
import { DoseHistoryHandler } from './dose-history.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses')
export class DoseHistoryController {
  constructor(@Inject(DoseHistoryHandler) private readonly handler: DoseHistoryHandler) {}

  @Get()
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiOperation({
    summary: "A subject's dose history, in the order given (voided doses shown as voided)",
    description: 'Facility staff anywhere, province admins for residents of their province, national admins and auditors. Every read is audited with its purpose. A subject not managed by your facility (as registry last announced it) needs X-Purpose and counts against your hourly quota of such reads.',
  })
  @ApiResponse({ status: 200, description: '{ subjectId, items: [dose] }' })
  @ApiResponse({ status: 400, description: crossFacilityReadDocs.badRequest })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 429, description: crossFacilityReadDocs.tooManyRequests })
  history(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id));
  }
}
