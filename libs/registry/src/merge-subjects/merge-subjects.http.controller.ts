import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { mergeSubjectsSchema, subjectsMergedSchema } from './merge-subjects.command';
import { MergeSubjectsHandler } from './merge-subjects.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class MergeSubjectsController {
  constructor(@Inject(MergeSubjectsHandler) private readonly handler: MergeSubjectsHandler) {}

  @Post(':subjectId/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge a duplicate record into this one',
    description:
      'Province admin of the province managing both records (or national admin). Both histories are kept; GET on the merged-away id answers 200 with this record and mergedInto.',
  })
  @ApiZodBody(mergeSubjectsSchema, { name: 'MergeSubjectsRequest', example: { duplicateSubjectId: '01936f40-2b5d-7e01-8c3f-1a2b3c4d5e6f' } })
  @ApiZodResponse(200, subjectsMergedSchema, {
    name: 'SubjectsMerged',
    description: 'Merged',
    example: { subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a', mergedSubjectId: '01936f40-2b5d-7e01-8c3f-1a2b3c4d5e6f' },
  })
  @ApiIdParam('subjectId', 'surviving subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiErrors({
    403: ['out_of_scope'],
    404: ['subject_not_found'],
    409: ['subject_already_merged', 'subject_merged'],
    422: ['merge_with_itself', 'merge_chain_refused'],
  })
  merge(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId', PathId('subject')) subjectId: string,
    @Body() body: unknown,
  ) {
    return this.handler.execute(principal, origin, subjectId, body);
  }
}
