import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountRequestAnswer, accountRequestAnswerExample } from '../account-presentation';
import { GetAccountRequestHandler } from './get-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class GetAccountRequestController {
  constructor(@Inject(GetAccountRequestHandler) private readonly handler: GetAccountRequestHandler) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One account request, within scope',
    description:
      "For the admins of the request's facility or province (and the national admin); each read leaves an access record in the audit trail. " +
      '403 out_of_scope (recorded as an access denial) for anyone else.',
  })
  @ApiIdParam('id', 'account request', accountRequestAnswerExample.requestId)
  @ApiZodResponse(200, accountRequestAnswer, { name: 'AccountRequest', description: 'The request', example: accountRequestAnswerExample })
  @ApiErrors({ 403: ['out_of_scope'], 404: ['account_request_not_found'] })
  get(@CurrentPrincipal() principal: Principal, @Param('id', PathId('account request')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
