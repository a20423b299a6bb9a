import { Controller, Get, Header, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import type { FastifyReply } from 'fastify';
import { certificateIdExample, subjectIdExample } from '../path-ids';
import { ddccDocumentAnswer } from './ddcc-document.answer';
import { ddccDocumentExample } from './ddcc-document.example';
import { DdccDocumentHandler } from './ddcc-document.handler';

@ApiTags('certificates')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/certificates')
export class DdccDocumentHttpController {
  constructor(private readonly handler: DdccDocumentHandler) {}

  @Get(':certificateId/ddcc')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/fhir+json')
  @ApiOperation({
    summary: 'The certificate as a WHO DDCC:VS document (FHIR R4 Bundle of type document)',
    description:
      'The DDCC core data set (Composition, Patient, Immunization, Organization) built from what the certificate states; a revoked certificate gives a Composition with status entered-in-error. Same readers as the list (403 out_of_scope otherwise); audited. 404 subject_not_found, certificate_not_found. Errors answer application/json.',
  })
  @ApiIdParam('id', 'subject', subjectIdExample)
  @ApiIdParam('certificateId', 'certificate', certificateIdExample)
  @ApiZodResponse(200, ddccDocumentAnswer, {
    name: 'DdccDocument',
    description: 'FHIR R4 Bundle, type document, DDCC:VS profiles named in meta.profile',
    contentType: 'application/fhir+json',
    example: ddccDocumentExample,
  })
  @ApiErrors({ 400: ['validation_failed'], 403: ['out_of_scope'], 404: ['subject_not_found', 'certificate_not_found'] })
  async document(
    @Param('id', PathId('subject')) id: string,
    @Param('certificateId', PathId('certificate')) certificateId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const bundle = await this.handler.execute(principal, origin, id, certificateId);
    // Set only on success, so an error still answers with the JSON error shape as application/json.
    reply.header('content-type', 'application/fhir+json; charset=utf-8');
    return bundle;
  }
}
