import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse, parseInput } from '@vaxledger/runtime';
import { certificateListItemExample } from '../certificate-answers';
import { dccPayloadExample } from '../ddcc-document/ddcc-document.example';
import { certificateVerificationAnswer, verifyCertificateSchema } from './verify-certificate.command';
import { VerifyCertificateHandler } from './verify-certificate.handler';

@ApiTags('certificates')
@Controller('api/v1/certificates/verify')
export class VerifyCertificateHttpController {
  constructor(private readonly handler: VerifyCertificateHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify an HC1 text (public, rate-limited per address)',
    description:
      'Checks prefix, Base45, zlib, COSE, signature against the trust list, signer validity and key usage, expiry and the revocation list. A refusal is 200 {valid:false, reason} with reason one of prefix_invalid, base45_invalid, compression_invalid, cose_invalid, cwt_invalid, unknown_signer, algorithm_unsupported, signature_invalid, signer_certificate_not_valid, key_usage_mismatch, not_yet_valid, expired, payload_invalid, revoked. 429 rate_limited with Retry-After.',
  })
  @ApiZodBody(verifyCertificateSchema, { name: 'VerifyCertificateRequest', example: { hc1: certificateListItemExample.hc1 } })
  @ApiZodResponse(200, certificateVerificationAnswer, {
    name: 'CertificateVerification',
    description: 'The verdict: valid with the signed content, or not valid with the reason',
    example: {
      valid: true,
      payload: dccPayloadExample,
      issuedAt: certificateListItemExample.issuedAt,
      expiresAt: certificateListItemExample.expiresAt,
      kid: 'Hu7J4VDDizs=',
    },
  })
  @ApiErrors({ 400: ['validation_failed'], 429: ['rate_limited'] })
  verify(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, parseInput(verifyCertificateSchema, body));
  }
}
