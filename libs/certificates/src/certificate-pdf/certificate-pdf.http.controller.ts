import { Controller, Get, Header, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { certificateIdExample, subjectIdExample } from '../path-ids';
import { CertificatePdfHandler } from './certificate-pdf.handler';

/** The PDF file itself (one A4 page). Declared here, where @vaxledger/runtime has given zod its `openapi` method. */
const certificatePdfAnswer = z.string().openapi({ format: 'binary' });

@ApiTags('certificates')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/certificates')
export class CertificatePdfHttpController {
  constructor(private readonly handler: CertificatePdfHandler) {}

  @Get(':certificateId.pdf')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The printable certificate (A4, Vietnamese and English, with the QR code)',
    description: 'Same readers as the list; a revoked certificate prints marked as revoked. Audited. 403 out_of_scope outside the readers; 404 subject_not_found, certificate_not_found. Errors answer application/json.',
  })
  @ApiIdParam('id', 'subject', subjectIdExample)
  @ApiIdParam('certificateId', 'certificate', certificateIdExample)
  @ApiZodResponse(200, certificatePdfAnswer, { name: 'CertificatePdf', description: 'PDF', contentType: 'application/pdf' })
  @ApiErrors({ 400: ['validation_failed'], 403: ['out_of_scope'], 404: ['subject_not_found', 'certificate_not_found'] })
  async pdf(
    @Param('id', PathId('subject')) id: string,
    @Param('certificateId', PathId('certificate')) certificateId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const document = await this.handler.execute(principal, origin, id, certificateId);
    // Set only on success, so an error still answers with the JSON error shape.
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `inline; filename="certificate-${certificateId}.pdf"`);
    return document;
  }
}
