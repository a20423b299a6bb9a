import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { verifyCertificateBodySchema, verifyCertificateSchema } from './verify-certificate.command';
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
  @ApiBody({ schema: verifyCertificateBodySchema })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', required: ['valid'], properties: { valid: { type: 'boolean' }, reason: { type: 'string' }, message: { type: 'string' }, payload: { type: 'object' } } },
  })
  verify(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, parseInput(verifyCertificateSchema, body));
  }
}
