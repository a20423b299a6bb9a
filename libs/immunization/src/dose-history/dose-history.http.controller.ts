import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { readPurposeCodes } from '../error-codes';
import { doseHistoryAnswer } from './dose-history.answer';
import { DoseHistoryHandler } from './dose-history.handler';

const example = {
  subjectId: '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21',
  items: [
    {
      doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30',
      vaccineCode: 'VAXZEVRIA',
      vaccineName: 'Vaxzevria (ChAdOx1-S recombinant, AZD1222)',
      seriesGroup: 'covid19',
      doseNumber: 1,
      administeredAt: '2021-08-02T09:30:00+07:00',
      lotNumber: 'ABV5811',
      facilityId: 'TYT-79-760-26734',
      planId: '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17',
      site: 'LD',
      route: 'IM',
      vaccinatorId: '0190e1d4-5f32-7a09-8c6b-3d2e1f0a9b87',
      status: 'completed',
      voidReason: null,
      corrections: 0,
      reactions: [
        {
          reactionId: '0190f4c1-9e27-7f5a-b1d3-4c8e6a2f0d19',
          onsetAt: '2021-08-02T20:00:00+07:00',
          severity: 'mild',
          description: 'Sốt 38,5°C, sưng đau chỗ tiêm',
          outcome: 'recovered',
          reportedBy: '0190e1d4-5f32-7a09-8c6b-3d2e1f0a9b87',
        },
      ],
    },
  ],
};

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses')
export class DoseHistoryController {
  constructor(@Inject(DoseHistoryHandler) private readonly handler: DoseHistoryHandler) {}

  @Get()
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiOperation({
    summary: "A subject's dose history, in the order given (voided doses shown as voided)",
    description: `Facility staff anywhere, province admins for residents of their province, national admins and auditors. Every read is audited with its purpose. A subject not managed by your facility (as registry last announced it) needs X-Purpose and counts against your hourly quota of such reads. 400 ${crossFacilityReadDocs.badRequest}. 429 ${crossFacilityReadDocs.tooManyRequests}.`,
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiZodResponse(200, doseHistoryAnswer, { name: 'DoseHistoryAnswer', description: 'The dose history', example })
  @ApiErrors({ 400: ['validation_failed', ...readPurposeCodes], 403: ['out_of_scope'], 429: ['rate_limited'] })
  history(@Param('id', PathId('subject')) id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
