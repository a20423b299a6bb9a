import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { getPlanAnswer } from './get-plan.answer';
import { GetPlanHandler } from './get-plan.handler';

const example = {
  planId: '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17',
  facilityId: 'TYT-79-760-26734',
  provinceCode: '79',
  districtCode: '760',
  date: '2021-08-02',
  vaccineCode: 'VAXZEVRIA',
  capacity: 300,
  remaining: 298,
  booked: [
    { subjectId: '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21', status: 'vaccinated', doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30', doseNumber: 1 },
    { subjectId: '0190f3a2-8d40-7b11-a3c5-2e6f9d1b7c04', status: 'did_not_attend', doseId: null, doseNumber: null },
  ],
  vaccinated: ['0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21'],
  notVaccinated: ['0190f3a2-8d40-7b11-a3c5-2e6f9d1b7c04'],
  walkIns: [{ subjectId: '0190f3a3-0c52-7e6d-9b18-f47a2c3d5e60', doseId: '0190f3b8-4e13-7a92-8d05-b1c6e3f7a248', doseNumber: 2 }],
};

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/plans/:id')
export class GetPlanController {
  constructor(@Inject(GetPlanHandler) private readonly handler: GetPlanHandler) {}

  @Get()
  @ApiOperation({ summary: 'A plan with who is booked, who came and who did not' })
  @ApiIdParam('id', 'plan', '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17')
  @ApiZodResponse(200, getPlanAnswer, { name: 'PlanAttendance', description: 'The plan and its attendance', example })
  @ApiErrors({ 400: ['validation_failed'], 403: ['out_of_scope'], 404: ['plan_not_found'] })
  get(@Param('id', PathId('plan')) id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
