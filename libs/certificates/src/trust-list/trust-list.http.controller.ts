import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodResponse } from '@vaxledger/runtime';
import { trustListAnswer } from './trust-list.answer';
import { TrustListHandler } from './trust-list.handler';

@ApiTags('certificates')
@Controller('api/v1/certificates/trust-list')
export class TrustListHttpController {
  constructor(private readonly handler: TrustListHandler) {}

  @Get()
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'Public trust list: the document signer certificates (DER, base64) with their key identifiers' })
  @ApiZodResponse(200, trustListAnswer, {
    name: 'TrustList',
    description: 'The document signers to trust, the current one first',
    example: { keys: [{ kid: 'Hu7J4VDDizs=', country: 'VN', certificate: 'MIIBzDCCAXKgAwIBAgIUQm9uZ1ZpZXROYW1NT0gyMDI2MAoGCCqGSM49BAMCMDMxCzAJBgNVBAYTAlZO' }] },
  })
  list() {
    return this.handler.execute();
  }
}
