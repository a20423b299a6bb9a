import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { SubjectHistoryHandler } from './subject-history.handler';
import { subjectHistoryExample, subjectHistorySchema } from './subject-history.query';

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
      'Which fields changed, who changed them, when, and whether a step-up code was used; transfers with who accepted them. Values are masked. A subject not managed by your facility needs X-Purpose and counts against your hourly quota of such reads. ' +
      `400: ${crossFacilityReadDocs.badRequest}. 429: ${crossFacilityReadDocs.tooManyRequests}.`,
  })
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiZodResponse(200, subjectHistorySchema, { name: 'SubjectHistory', description: 'Oldest first', example: subjectHistoryExample })
  @ApiIdParam('subjectId', 'subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiErrors({
    400: ['purpose_required', 'purpose_invalid', 'validation_failed'],
    403: ['out_of_scope'],
    404: ['subject_not_found'],
    429: ['rate_limited'],
  })
  history(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Param('subjectId', PathId('subject')) subjectId: string) {
    return this.handler.execute(principal, origin, subjectId);
  }
}
