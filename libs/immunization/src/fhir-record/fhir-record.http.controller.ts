import { Controller, Get, Inject, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { readPurposeCodes } from '../error-codes';
import { immunizationBundleAnswer } from './fhir-record.answer';
import { FhirRecordHandler } from './fhir-record.handler';

const subject = '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21';
const dose = '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30';
const example = {
  resourceType: 'Bundle',
  type: 'collection',
  timestamp: '2021-09-01T02:15:00.000Z',
  entry: [
    {
      fullUrl: `urn:uuid:${subject}`,
      resource: {
        resourceType: 'Patient',
        id: subject,
        identifier: [{ system: 'https://vaxledger.example/fhir/NamingSystem/subject', value: subject }],
        gender: 'female',
        birthDate: '1990-05-14',
      },
    },
    {
      fullUrl: `urn:uuid:${dose}`,
      resource: {
        resourceType: 'Immunization',
        id: dose,
        status: 'completed',
        vaccineCode: {
          coding: [
            { system: 'https://vaxledger.example/fhir/CodeSystem/vaccine', code: 'VAXZEVRIA', display: 'Vaxzevria (ChAdOx1-S recombinant, AZD1222)' },
            { system: 'http://hl7.org/fhir/sid/cvx', code: '210' },
          ],
          text: 'Vaxzevria (ChAdOx1-S recombinant, AZD1222)',
        },
        patient: { reference: `urn:uuid:${subject}` },
        occurrenceDateTime: '2021-08-02T09:30:00+07:00',
        primarySource: true,
        lotNumber: 'ABV5811',
        protocolApplied: [{ series: 'covid19', targetDisease: [{ text: 'COVID-19' }], doseNumberPositiveInt: 1 }],
      },
    },
    {
      fullUrl: 'urn:uuid:3f1c9a2e-7b4d-5e08-9a61-c2d4e6f80b13',
      resource: {
        resourceType: 'ImmunizationRecommendation',
        id: '3f1c9a2e-7b4d-5e08-9a61-c2d4e6f80b13',
        patient: { reference: `urn:uuid:${subject}` },
        date: '2021-09-01T02:15:00.000Z',
        recommendation: [
          {
            targetDisease: { text: 'COVID-19' },
            forecastStatus: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: 'due', display: 'Due' }],
            },
            series: 'covid19',
            doseNumberPositiveInt: 2,
            seriesDosesPositiveInt: 3,
          },
        ],
      },
    },
  ],
};

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/fhir')
export class FhirRecordController {
  constructor(@Inject(FhirRecordHandler) private readonly handler: FhirRecordHandler) {}

  @Get()
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiOperation({
    summary: "A subject's immunization record as a FHIR R4 Bundle (Patient, Immunization resources and an ImmunizationRecommendation with the forecast)",
    description: `Same readers as the dose history; the exact birth date only for facility staff and national admins. Audited with its purpose. A subject not managed by your facility (as registry last announced it) needs X-Purpose and counts against your hourly quota of such reads. 400 ${crossFacilityReadDocs.badRequest}. 429 ${crossFacilityReadDocs.tooManyRequests}.`,
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiZodResponse(200, immunizationBundleAnswer, {
    name: 'ImmunizationBundle',
    description: 'FHIR R4 Bundle, type collection',
    contentType: 'application/fhir+json',
    example,
  })
  @ApiErrors({ 400: ['validation_failed', ...readPurposeCodes], 403: ['out_of_scope'], 429: ['rate_limited'] })
  async bundle(
    @Param('id', PathId('subject')) id: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const bundle = await this.handler.execute(principal, origin, id);
    // Only the Bundle is FHIR; an error is the API's own `{ error, message }` as JSON, as documented.
    reply.header('content-type', 'application/fhir+json; charset=utf-8');
    return bundle;
  }
}
