import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { mergeSubjectsOpenApi } from './merge-subjects.command';
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
  @ApiBody({ schema: mergeSubjectsOpenApi })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { subjectId: { type: 'string' }, mergedSubjectId: { type: 'string' } } } })
  @ApiResponse({ status: 409, description: 'subject_already_merged, subject_merged' })
  @ApiResponse({ status: 422, description: 'merge_with_itself, merge_chain_refused' })
  merge(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId') subjectId: string,
    @Body() body: unknown,
  ) {
    return this.handler.execute(principal, origin, subjectId, body);
  }
}
