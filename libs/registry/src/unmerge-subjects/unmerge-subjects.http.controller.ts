import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { unmergeSubjectsOpenApi } from './unmerge-subjects.command';
import { UnmergeSubjectsHandler } from './unmerge-subjects.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class UnmergeSubjectsController {
  constructor(@Inject(UnmergeSubjectsHandler) private readonly handler: UnmergeSubjectsHandler) {}

  @Post(':subjectId/unmerge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo a merge', description: 'Province admin of the province managing both records (or national admin).' })
  @ApiBody({ schema: unmergeSubjectsOpenApi })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { subjectId: { type: 'string' }, unmergedSubjectId: { type: 'string' } } } })
  @ApiResponse({ status: 422, description: 'subject_not_merged' })
  unmerge(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId') subjectId: string,
    @Body() body: unknown,
  ) {
    return this.handler.execute(principal, origin, subjectId, body);
  }
}
