import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TrustListHandler } from './trust-list.handler';

@ApiTags('certificates')
@Controller('api/v1/certificates/trust-list')
export class TrustListHttpController {
  constructor(private readonly handler: TrustListHandler) {}

  @Get()
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'Public trust list: the document signer certificates (DER, base64) with their key identifiers' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        keys: {
          type: 'array',
          items: { type: 'object', properties: { kid: { type: 'string', description: 'base64 of the first 8 bytes of SHA-256(DER)' }, country: { type: 'string', example: 'VN' }, certificate: { type: 'string', description: 'DER, base64' } } },
        },
      },
    },
  })
  list() {
    return this.handler.execute();
  }
}
