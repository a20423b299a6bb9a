import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { revokeLotBodySchema, revokeLotSchema } from './revoke-lot.command';
import { RevokeLotHandler } from './revoke-lot.handler';

@ApiTags('certificates')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/lots/:lotNumber/revoke')
export class RevokeLotHttpController {
  constructor(private readonly handler: RevokeLotHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a vaccine lot and every certificate resting on it (national admin)',
    description: 'Each revoked certificate is an event and an audit entry and lands on the revocation list; later certificates skip doses of the lot. A repeated call answers alreadyRevoked: true and finishes any sweep left undone.',
  })
  @ApiBody({ schema: revokeLotBodySchema })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { lotNumber: { type: 'string' }, alreadyRevoked: { type: 'boolean' }, revokedCertificates: { type: 'integer' } } },
  })
  revoke(@Param('lotNumber') lotNumber: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, lotNumber, parseInput(revokeLotSchema, body));
  }
}
