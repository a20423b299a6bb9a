import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { registerSubjectOpenApi } from './register-subject.command';
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
      'Facility admins, or staff with data_entry or subject_management. The creating facility becomes the managing facility. One subject per ID document.',
  })
  @ApiBody({ schema: registerSubjectOpenApi })
  @ApiResponse({ status: 201, description: 'Registered', schema: { type: 'object', properties: { subjectId: { type: 'string' } } } })
  @ApiResponse({ status: 400, description: 'Invalid data (each bad field named in details)' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({
    status: 409,
    description:
      'subject_already_registered. Names no other facility: details.managingFacilityId is present only when your own facility manages the existing record. Counts as a search against your search quota and is recorded as a lookup (action subject.lookup, keyed hash of the ID number).',
  })
  @ApiResponse({
    status: 429,
    description:
      'rate_limited (Retry-After header, details.retryAfterSeconds): your search quota is used up; registrations answer 429 until it refills, so the answer never tells a taken number from a free one',
  })
  register(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Body() body: unknown) {
    return this.handler.execute(principal, origin, body);
  }
}
