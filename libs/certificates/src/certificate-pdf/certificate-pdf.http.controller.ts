import { Controller, Get, Header, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import type { FastifyReply } from 'fastify';
import { parseId } from '../certificate-ids';
import { CertificatePdfHandler } from './certificate-pdf.handler';

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
    description: 'Same readers as the list; a revoked certificate prints marked as revoked. Audited. 404 certificate_not_found.',
  })
  @ApiResponse({ status: 200, description: 'PDF' })
  async pdf(
    @Param('id') id: string,
    @Param('certificateId') certificateId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const document = await this.handler.execute(principal, origin, parseId('subject', id), parseId('certificate', certificateId));
    // Set only on success, so an error still answers with the JSON error shape.
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `inline; filename="certificate-${certificateId}.pdf"`);
    return document;
  }
}
