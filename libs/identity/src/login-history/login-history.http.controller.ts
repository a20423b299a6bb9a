import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { loginHistoryAnswer } from './login-history.answer';
import { loginHistoryQuerySchema } from './login-history.query';
import { LoginHistoryHandler } from './login-history.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/login-history')
export class LoginHistoryController {
  constructor(@Inject(LoginHistoryHandler) private readonly handler: LoginHistoryHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Sign-in attempts with time, IP, user agent, method and outcome (own, or an account in scope)',
    description:
      'Without accountId or username, the caller\'s own attempts; with both, only the attempts matching both (none when they name two accounts). ' +
      'from and to take an ISO 8601 timestamp or YYYY-MM-DD (the whole UTC day). ' +
      '403 out_of_scope for an account outside the caller\'s administration or audit scope, and for a username that does not exist unless the caller is a national administrator or auditor.',
  })
  @ApiZodQuery(loginHistoryQuerySchema, {
    username: 'lan.nguyen',
    from: '2026-03-01',
    to: '2026-03-14T23:59:59+07:00',
    limit: 50,
  })
  @ApiZodResponse(200, loginHistoryAnswer, {
    name: 'LoginHistory',
    description: 'Sign-in attempts, newest first',
    example: {
      items: [
        {
          attemptId: '0195962c-3f1a-7b48-9e2d-6c0a4f8b1d37',
          challengeId: 'c4a1e7d2-5b3f-4e8a-9c6d-0f2b7a1e3d58',
          accountId: '0195962b-41c8-7a3e-9b1d-5f2c8e7a0d64',
          at: '2026-03-14T01:31:07.402Z',
          ip: '113.161.72.45',
          userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
          stage: 'otp',
          method: 'totp',
          outcome: 'success',
        },
        {
          attemptId: '0195962b-e8c4-7d21-a5f0-3b9e7c2d4a16',
          challengeId: 'c4a1e7d2-5b3f-4e8a-9c6d-0f2b7a1e3d58',
          accountId: '0195962b-41c8-7a3e-9b1d-5f2c8e7a0d64',
          at: '2026-03-14T01:30:42.118Z',
          ip: '113.161.72.45',
          userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
          stage: 'password',
          method: 'password',
          outcome: 'password_accepted',
        },
      ],
    },
  })
  @ApiErrors({ 403: ['out_of_scope'] })
  history(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
