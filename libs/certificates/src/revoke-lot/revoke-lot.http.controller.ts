import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse, parseInput } from '@vaxledger/runtime';
import { lotNumberPattern, lotRevokedAnswer, revokeLotSchema } from './revoke-lot.command';
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
    description: 'Each revoked certificate is an event and an audit entry and lands on the revocation list; later certificates skip doses of the lot. A repeated call answers alreadyRevoked: true and finishes any sweep left undone. 403 out_of_scope for anyone but the national admin; 400 validation_failed for a lot number outside the documented pattern.',
  })
  @ApiParam({
    name: 'lotNumber',
    required: true,
    description: 'The vaccine lot number as recorded on the doses',
    schema: { type: 'string', pattern: lotNumberPattern.source, minLength: 1, maxLength: 64, example: 'FF2588' },
  })
  @ApiZodBody(revokeLotSchema, { name: 'RevokeLotRequest', example: { reason: 'Lô vắc xin bị hỏng dây chuyền lạnh tại kho tỉnh Đồng Nai / cold chain failure at the Đồng Nai provincial store' } })
  @ApiZodResponse(200, lotRevokedAnswer, {
    name: 'LotRevoked',
    description: 'Revoked (or already revoked), with the certificates this call revoked',
    example: { lotNumber: 'FF2588', alreadyRevoked: false, revokedCertificates: 1284 },
  })
  @ApiErrors({ 400: ['validation_failed'], 403: ['out_of_scope'], 409: ['CONCURRENCY_CONFLICT'] })
  revoke(@Param('lotNumber') lotNumber: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, lotNumber, parseInput(revokeLotSchema, body));
  }
}
