import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { subjectRecordExample, subjectRecordSchema } from './get-subject.query';
import { GetSubjectHandler } from './get-subject.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class GetSubjectController {
  constructor(@Inject(GetSubjectHandler) private readonly handler: GetSubjectHandler) {}

  @Get(':subjectId')
  @ApiOperation({
    summary: "A subject's full record (audited)",
    description:
      'Every read is recorded as an access record (action subject.read, with the purpose). A subject not managed by your facility needs X-Purpose and counts against your hourly quota of such reads. A merged-away id answers 200 with the surviving record and mergedInto. Province admins read subjects managed in their province. ' +
      `400: ${crossFacilityReadDocs.badRequest}. 429: ${crossFacilityReadDocs.tooManyRequests}.`,
  })
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiZodResponse(200, subjectRecordSchema, { name: 'SubjectRecord', description: 'The record', example: subjectRecordExample })
  @ApiIdParam('subjectId', 'subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiErrors({
    400: ['purpose_required', 'purpose_invalid', 'validation_failed'],
    403: ['out_of_scope'],
    404: ['subject_not_found'],
    429: ['rate_limited'],
  })
  read(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Param('subjectId', PathId('subject')) subjectId: string) {
    return this.handler.execute(principal, origin, subjectId);
  }
}
