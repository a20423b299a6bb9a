import { Controller, Get, Header, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../command-metadata';
import { FhirRecordHandler } from './fhir-record.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/fhir')
export class FhirRecordHttpController {
  constructor(private readonly handler: FhirRecordHandler) {}

  @Get()
  @Header('content-type', 'application/fhir+json; charset=utf-8')
  @ApiOperation({
    summary: "A subject's immunization record as a FHIR R4 Bundle (Patient, Immunization resources and an ImmunizationRecommendation with the forecast)",
    description: 'Same readers as the dose history; the exact birth date only for facility staff and national admins. Audited.',
  })
  @ApiResponse({ status: 200, description: 'FHIR R4 Bundle, type collection' })
  bundle(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id));
  }
}
