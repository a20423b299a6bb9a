import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodResponse } from '@vaxledger/runtime';
import { signedRevocationListAnswer } from './revocation-list.answer';
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
  @ApiZodResponse(200, signedRevocationListAnswer, {
    name: 'SignedRevocationList',
    description: 'The revoked UVCI hashes and their signature',
    example: {
      payload: {
        generatedAt: '2026-12-04T08:20:00.000Z',
        kid: 'Hu7J4VDDizs=',
        hashAlgorithm: 'SHA-256',
        hashes: ['7ca7794a9d530bffe86c841afabc73085e500891fa2382314d87ca10602ba592'],
      },
      signature: 'dpmhdOtm-6iXpZUrB12O5ikmv25xdJaz_dzYy9XReaIdKV9sNbnb6mWYktbyK4RVRJ4aFvDRp68puuixyjlg1Q',
    },
  })
  list() {
    return this.handler.execute();
  }
}
