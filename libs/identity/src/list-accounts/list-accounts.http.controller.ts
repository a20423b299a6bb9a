import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { accountAnswerExample } from '../account-presentation';
import { accountListAnswer } from './list-accounts.answer';
import { ListAccountsHandler } from './list-accounts.handler';
import { listAccountsQuerySchema } from './list-accounts.query';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts')
export class ListAccountsController {
  constructor(@Inject(ListAccountsHandler) private readonly handler: ListAccountsHandler) {}

  @Get()
  @ApiOperation({
    summary: "Lists accounts within the caller's scope",
    description:
      'Oldest grant first. notReviewedSince (YYYY-MM-DD, the whole UTC day, or an ISO timestamp) keeps the accounts not reviewed since then, never-reviewed ones included ' +
      '(periodic access review). A province admin or province auditor sees its own province, a facility admin its own facility; each read leaves an access record in the audit trail. ' +
      "403 out_of_scope (recorded as an access denial) for a province or facility outside the caller's scope, or a caller who may list none.",
  })
  @ApiZodQuery(listAccountsQuerySchema, {
    provinceCode: '01',
    facilityId: accountAnswerExample.facilityId,
    role: 'staff',
    notReviewedSince: '2026-06-30',
    limit: 100,
  })
  @ApiZodResponse(200, accountListAnswer, {
    name: 'AccountList',
    description: 'The accounts, oldest grant first',
    example: {
      items: [
        {
          ...accountAnswerExample,
          activatedAt: '2026-03-02T07:55:00.000Z',
          lastReviewedAt: '2026-03-15T03:40:00.000Z',
        },
        {
          accountId: '0193a1f2-5c7e-7e02-9c3b-4f0a1d7e2b56',
          username: 'minh.tran',
          role: 'staff',
          rights: ['data_entry'],
          facilityId: accountAnswerExample.facilityId,
          provinceCode: '01',
          status: 'pending_activation',
          otpMethod: null,
          lockedUntil: null,
          fullName: 'Trần Văn Minh',
          gender: 'male',
          position: 'Y sĩ',
          unit: 'Tổ tiêm chủng',
          email: 'minh.tran@tramyte-dienbien.example.vn',
          phone: '+84987654321',
          grantedAt: '2026-03-02T02:15:00.000Z',
          activatedAt: null,
          lastReviewedAt: null,
        },
      ],
    },
  })
  @ApiErrors({ 403: ['out_of_scope'] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
