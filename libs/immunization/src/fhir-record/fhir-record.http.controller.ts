import { Controller, Get, Header, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { crossFacilityReadDocs } from '@vaxledger/cross-facility-reads';
import { parseId } from '../ids';
import { FhirRecordHandler } from './fhir-record.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/fhir')
export class FhirRecordController {
  constructor(@Inject(FhirRecordHandler) private readonly handler: FhirRecordHandler) {}

  @Get()
  @Header('content-type', 'application/fhir+json; charset=utf-8')
  @ApiHeader(crossFacilityReadDocs.purposeHeader)
  @ApiOperation({
    summary: "A subject's immunization record as a FHIR R4 Bundle (Patient, Immunization resources and an ImmunizationRecommendation with the forecast)",
    description: 'Same readers as the dose history; the exact birth date only for facility staff and national admins. Audited with its purpose. A subject not managed by your facility (as registry last announced it) needs X-Purpose and counts against your hourly quota of such reads.',
  })
  @ApiResponse({ status: 200, description: 'FHIR R4 Bundle, type collection' })
  @ApiResponse({ status: 400, description: crossFacilityReadDocs.badRequest })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 429, description: crossFacilityReadDocs.tooManyRequests })
  bundle(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id));
  }
}
