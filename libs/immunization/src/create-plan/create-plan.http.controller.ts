import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { createPlanBodySchema } from './create-plan.command';
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
  @ApiBody({ schema: createPlanBodySchema })
  @ApiResponse({ status: 201, description: 'Planned', schema: { type: 'object', properties: { planId: { type: 'string' } } } })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
