import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { subjectRecordOpenApi } from './get-subject.query';
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
      'Every read is recorded as an access record (action subject.read). A merged-away id answers 200 with the surviving record and mergedInto.',
  })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Why the record is read; kept in the access record' })
  @ApiResponse({ status: 200, schema: subjectRecordOpenApi })
  @ApiResponse({ status: 404, description: 'subject_not_found' })
  read(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Param('subjectId') subjectId: string) {
    return this.handler.execute(principal, origin, subjectId);
  }
}
