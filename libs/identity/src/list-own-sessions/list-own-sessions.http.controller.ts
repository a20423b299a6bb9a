import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiZodResponse } from '@vaxledger/runtime';
import { ownSessionsAnswer } from './list-own-sessions.answer';
import { ListOwnSessionsHandler } from './list-own-sessions.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/sessions')
export class ListOwnSessionsController {
  constructor(@Inject(ListOwnSessionsHandler) private readonly handler: ListOwnSessionsHandler) {}

  @Get()
  @ApiOperation({ summary: "Lists the caller's live sessions" })
  @ApiZodResponse(200, ownSessionsAnswer, {
    name: 'OwnSessions',
    description: "The caller's live sessions",
    example: {
      items: [
        {
          sessionId: '7e2f4b1c-9a3d-4c6e-8f0b-1d5a7c3e9f24',
          current: true,
          createdAt: '2026-03-14T01:12:40.318Z',
          lastUsedAt: '2026-03-14T01:38:05.907Z',
          absoluteExpiresAt: '2026-03-14T13:12:40.318Z',
          ip: '113.161.72.45',
          userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
        },
        {
          sessionId: 'b5d08e3f-1c72-4a9e-b6f4-3e8a2d7c0915',
          current: false,
          createdAt: '2026-03-13T23:47:11.052Z',
          lastUsedAt: '2026-03-14T00:05:29.774Z',
          absoluteExpiresAt: '2026-03-14T11:47:11.052Z',
          ip: '14.232.208.19',
          userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36',
        },
      ],
    },
  })
  list(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin);
  }
}
