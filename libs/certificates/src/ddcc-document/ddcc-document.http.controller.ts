import { Controller, Get, Header, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../certificate-ids';
import { DdccDocumentHandler } from './ddcc-document.handler';

@ApiTags('certificates')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/certificates')
export class DdccDocumentHttpController {
  constructor(private readonly handler: DdccDocumentHandler) {}

  @Get(':certificateId/ddcc')
  @Header('content-type', 'application/fhir+json; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/fhir+json')
  @ApiOperation({
    summary: 'The certificate as a WHO DDCC:VS document (FHIR R4 Bundle of type document)',
    description:
      'The DDCC core data set (Composition, Patient, Immunization, Organization) built from what the certificate states; a revoked certificate gives a Composition with status entered-in-error. Same readers as the list; audited. 404 certificate_not_found.',
  })
  @ApiResponse({ status: 200, description: 'FHIR R4 Bundle, type document, DDCC:VS profiles named in meta.profile' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 404, description: 'certificate_not_found / subject_not_found' })
  document(@Param('id') id: string, @Param('certificateId') certificateId: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id), parseId('certificate', certificateId));
  }
}
