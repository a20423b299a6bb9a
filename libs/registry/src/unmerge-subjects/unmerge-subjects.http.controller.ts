import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { subjectsUnmergedSchema, unmergeSubjectsSchema } from './unmerge-subjects.command';
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
  @ApiZodBody(unmergeSubjectsSchema, { name: 'UnmergeSubjectsRequest', example: { duplicateSubjectId: '01936f40-2b5d-7e01-8c3f-1a2b3c4d5e6f' } })
  @ApiZodResponse(200, subjectsUnmergedSchema, {
    name: 'SubjectsUnmerged',
    description: 'Unmerged',
    example: { subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a', unmergedSubjectId: '01936f40-2b5d-7e01-8c3f-1a2b3c4d5e6f' },
  })
  @ApiIdParam('subjectId', 'surviving subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiErrors({ 403: ['out_of_scope'], 404: ['subject_not_found'], 422: ['subject_not_merged'] })
  unmerge(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId', PathId('subject')) subjectId: string,
    @Body() body: unknown,
  ) {
    return this.handler.execute(principal, origin, subjectId, body);
  }
}
