import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { registeredSubjectSchema, registerSubjectExample, registerSubjectSchema } from './register-subject.command';
import { RegisterSubjectHandler } from './register-subject.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class RegisterSubjectController {
  constructor(@Inject(RegisterSubjectHandler) private readonly handler: RegisterSubjectHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a subject',
    description:
      'Facility admins, or staff with data_entry or subject_management. The creating facility becomes the managing facility. One subject per ID document. ' +
      'A request not of the documented shape answers 400 validation_failed; one of that shape whose data breaks a rule of the profile (a name with other characters, a date of birth in the future or before 1900-01-01, an ID number not of its type\'s form, a phone number that is not valid, a district outside the province, a ward without a district) answers 422 subject_data_invalid. Both name each bad field in details: [{ field, problem }]. ' +
      '409 subject_already_registered names no other facility: details.managingFacilityId is present only when your own facility manages the existing record; it counts as a search against your search quota and is recorded as a lookup (action subject.lookup, keyed hash of the ID number). ' +
      '429 rate_limited (Retry-After, details.retryAfterSeconds): your search quota is used up; registrations answer 429 until it refills, so the answer never tells a taken number from a free one.',
  })
  @ApiZodBody(registerSubjectSchema, { name: 'RegisterSubjectRequest', example: registerSubjectExample })
  @ApiZodResponse(201, registeredSubjectSchema, {
    name: 'RegisteredSubject',
    description: 'Registered',
    example: { subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a' },
  })
  @ApiErrors({
    400: ['validation_failed'],
    403: ['out_of_scope'],
    409: ['subject_already_registered'],
    422: ['subject_data_invalid'],
    429: ['rate_limited'],
  })
  register(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Body() body: unknown) {
    return this.handler.execute(principal, origin, body);
  }
}
