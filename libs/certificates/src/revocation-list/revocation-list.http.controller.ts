import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RevocationListHandler } from './revocation-list.handler';

@ApiTags('certificates')
@Controller('api/v1/certificates/revocations')
export class RevocationListHttpController {
  constructor(private readonly handler: RevocationListHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Public revocation list: SHA-256 hashes of revoked UVCIs, signed',
    description:
      'signature = ES256 (raw r‖s, base64url) over the UTF-8 JSON of payload exactly as sent, by the trust-list key named by payload.kid. A UVCI is hashed upper-case.',
  })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        payload: {
          type: 'object',
          properties: { generatedAt: { type: 'string', format: 'date-time' }, kid: { type: 'string' }, hashAlgorithm: { type: 'string', enum: ['SHA-256'] }, hashes: { type: 'array', items: { type: 'string' } } },
        },
        signature: { type: 'string' },
      },
    },
  })
  list() {
    return this.handler.execute();
  }
}
