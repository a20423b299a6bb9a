import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { personDetailsSchema } from '../domain/person-details';
import { AppointAdministratorHandler } from './appoint-administrator.handler';

const personBody = {
  type: 'object',
  required: ['fullName', 'gender', 'position', 'email', 'phone', 'username'],
  properties: {
    fullName: { type: 'string' },
    gender: { type: 'string', enum: ['male', 'female', 'other'] },
    position: { type: 'string' },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string' },
    username: { type: 'string' },
  },
};

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1')
export class AppointAdministratorController {
  constructor(@Inject(AppointAdministratorHandler) private readonly handler: AppointAdministratorHandler) {}

  @Post('provinces/:provinceCode/admins')
  @HttpCode(201)
  @ApiOperation({ summary: "Appoints a province health department's administrator (national admin); sends the activation token" })
  @ApiBody({ schema: personBody })
  @ApiResponse({ status: 201, description: '{accountId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 409, description: 'username_taken' })
  provinceAdmin(
    @CurrentPrincipal() principal: Principal,
    @Param('provinceCode') provinceCode: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.provinceAdmin(principal, origin, provinceCode, parseInput(personDetailsSchema, body));
  }

  @Post('facilities/:facilityId/admins')
  @HttpCode(201)
  @ApiOperation({ summary: "Appoints a facility's administrator (province admin of its province, or national); sends the activation token" })
  @ApiBody({ schema: personBody })
  @ApiResponse({ status: 201, description: '{accountId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 404, description: 'facility_not_found' })
  facilityAdmin(
    @CurrentPrincipal() principal: Principal,
    @Param('facilityId') facilityId: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.facilityAdmin(principal, origin, facilityId, parseInput(personDetailsSchema, body));
  }
}
