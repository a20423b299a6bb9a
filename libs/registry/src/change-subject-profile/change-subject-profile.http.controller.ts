import { Body, Controller, Headers, HttpCode, Inject, Param, Patch, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { changeSubjectProfileExample, changeSubjectProfileSchema, profileChangeSchema } from './change-subject-profile.command';
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
      'Needs subject_management. Changing fullName, dateOfBirth, idDocument or address of a subject neither created nor managed by your facility needs a fresh, single-use step-up token (R6). The same value rules as registration: 400 validation_failed for a body not of the documented shape, 422 subject_data_invalid for data breaking a rule of the profile, each bad field named in details. A body naming no field changes nothing. 409 subject_already_registered: the new ID document is taken (names the managing facility only when it is your own; counts as a search and is recorded as a lookup). 429 rate_limited (Retry-After): an ID-document change while your search quota is used up.',
  })
  @ApiHeader({ name: 'X-Step-Up-Token', required: false, description: 'From POST /api/v1/auth/step-up/verify' })
  @ApiZodBody(changeSubjectProfileSchema, {
    name: 'ChangeSubjectProfileRequest',
    description:
      'Any subset of the profile. fullName, dateOfBirth, idDocument and address are sensitive (R6): changing them on a subject neither created nor managed by your facility needs X-Step-Up-Token.',
    example: changeSubjectProfileExample,
  })
  @ApiZodResponse(200, profileChangeSchema, {
    name: 'SubjectProfileChange',
    description: 'Changed (changedFields is empty when nothing differed or no field was named)',
    example: { subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a', changedFields: ['phone', 'address', 'priorityGroup'], stepUpUsed: false },
  })
  @ApiIdParam('subjectId', 'subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiErrors({
    400: ['validation_failed'],
    403: ['step_up_required', 'out_of_scope'],
    404: ['subject_not_found'],
    409: ['subject_already_registered', 'subject_merged'],
    422: ['subject_data_invalid'],
    429: ['rate_limited'],
  })
  change(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId', PathId('subject')) subjectId: string,
    @Body() body: unknown,
    @Headers('x-step-up-token') stepUpToken: string | undefined,
  ) {
    return this.handler.execute(principal, origin, subjectId, body, stepUpToken);
  }
}
