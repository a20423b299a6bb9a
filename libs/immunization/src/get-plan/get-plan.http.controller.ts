import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { GetPlanHandler } from './get-plan.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/plans/:id')
export class GetPlanController {
  constructor(@Inject(GetPlanHandler) private readonly handler: GetPlanHandler) {}

  @Get()
  @ApiOperation({ summary: 'A plan with who is booked, who came and who did not' })
  @ApiResponse({ status: 200, description: '{ planId, date, vaccineCode, capacity, remaining, booked: [{ subjectId, status: vaccinated|awaiting|did_not_attend }], vaccinated, notVaccinated, walkIns }' })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('plan', id));
  }
}
