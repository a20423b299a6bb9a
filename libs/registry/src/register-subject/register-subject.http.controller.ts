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
    description: 'subject_already_registered: details.managingFacilityId names the facility managing the existing record',
  })
  register(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Body() body: unknown) {
    return this.handler.execute(principal, origin, body);
  }
}
