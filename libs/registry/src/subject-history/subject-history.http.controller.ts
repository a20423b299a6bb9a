import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
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
    description: 'Which fields changed, who changed them, when, and whether a step-up code was used. Values are masked.',
  })
  @ApiResponse({ status: 200, schema: subjectHistoryOpenApi })
  @ApiResponse({ status: 404, description: 'subject_not_found' })
  history(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Param('subjectId') subjectId: string) {
    return this.handler.execute(principal, origin, subjectId);
  }
}
