import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { createPlanAnswer } from './create-plan.answer';
import { createPlanSchema } from './create-plan.command';
import { CreatePlanHandler } from './create-plan.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/plans')
export class CreatePlanController {
  constructor(@Inject(CreatePlanHandler) private readonly handler: CreatePlanHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Plan a vaccination session at a facility',
    description: 'Staff or admin of the facility, or the admin of its province (or national). 422 unknown_vaccine or plan_date_in_past.',
  })
  @ApiZodBody(createPlanSchema, {
    name: 'CreatePlanRequest',
    example: { facilityId: 'TYT-79-760-26734', date: '2021-08-02', vaccineCode: 'VAXZEVRIA', capacity: 300 },
  })
  @ApiZodResponse(201, createPlanAnswer, { name: 'CreatePlanAnswer', description: 'Planned', example: { planId: '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17' } })
  @ApiErrors({ 403: ['out_of_scope'], 422: ['unknown_vaccine', 'plan_date_in_past'] })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
