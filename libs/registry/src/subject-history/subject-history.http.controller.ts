import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { SubjectHistoryHandler } from './subject-history.handler';
import { subjectHistoryOpenApi } from './subject-history.query';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class SubjectHistoryController {
  constructor(@Inject(SubjectHistoryHandler) private readonly handler: SubjectHistoryHandler) {}

  @Get(':subjectId/history')
  @ApiOperation({
    summary: "A subject's field-level change history (audited)",
    description:
      'Which fields changed, who changed them, when, and whether a step-up code was used; transfers with who accepted them. Values are masked. A subject not managed by your facility needs X-Purpose and counts against your hourly quota of such reads.',
  })
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiResponse({ status: 200, schema: subjectHistoryOpenApi })
  @ApiResponse({ status: 400, description: crossFacilityReadDocs.badRequest })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 429, description: crossFacilityReadDocs.tooManyRequests })
  @ApiResponse({ status: 404, description: 'subject_not_found' })
  history(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Param('subjectId') subjectId: string) {
    return this.handler.execute(principal, origin, subjectId);
  }
}
