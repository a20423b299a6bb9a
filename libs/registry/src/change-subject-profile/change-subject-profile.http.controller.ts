import { Body, Controller, Headers, HttpCode, Inject, Param, Patch, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { changeSubjectProfileOpenApi } from './change-subject-profile.command';
import { ChangeSubjectProfileHandler } from './change-subject-profile.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class ChangeSubjectProfileController {
  constructor(@Inject(ChangeSubjectProfileHandler) private readonly handler: ChangeSubjectProfileHandler) {}

  @Patch(':subjectId')
  @HttpCode(200)
  @ApiOperation({
    summary: "Change a subject's profile",
    description:
      'Needs subject_management. Changing fullName, dateOfBirth, idDocument or address of a subject neither created nor managed by your facility needs a fresh, single-use step-up token (R6).',
  })
  @ApiHeader({ name: 'X-Step-Up-Token', required: false, description: 'From POST /api/v1/auth/step-up/verify' })
  @ApiBody({ schema: changeSubjectProfileOpenApi })
  @ApiResponse({
    status: 200,
    description: 'Changed (changedFields is empty when nothing differed)',
    schema: {
      type: 'object',
      properties: {
        subjectId: { type: 'string' },
        changedFields: { type: 'array', items: { type: 'string' } },
        stepUpUsed: { type: 'boolean' },
      },
    },
  })
  @ApiResponse({ status: 403, description: 'step_up_required, or out_of_scope' })
  @ApiResponse({ status: 404, description: 'subject_not_found' })
  @ApiResponse({
    status: 409,
    description:
      'subject_already_registered (new ID document taken: names the managing facility only when it is your own; counts as a search and is recorded as a lookup), subject_merged',
  })
  @ApiResponse({
    status: 429,
    description: 'rate_limited (Retry-After): an ID-document change while your search quota is used up',
  })
  change(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId') subjectId: string,
    @Body() body: unknown,
    @Headers('x-step-up-token') stepUpToken: string | undefined,
  ) {
    return this.handler.execute(principal, origin, subjectId, body, stepUpToken);
  }
}
