/** Refresh token rotation: each refresh token works once; a reused one ends the whole session. */
import type { RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { refreshSessionSchema } from './refresh-session.command';
import { signInActor } from '../sign-in/sign-in-actor';
import { commandMetadata, DomainError, type Clock } from '@vaxledger/kernel';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import type { SessionTokens } from '../sign-in/session-tokens';
import type { IssuedTokensAnswer } from '../sessions/issued-tokens.answer';
import type { IdentitySettings } from '../identity-settings';
import type { IdentityWriteModel } from '../identity-write-model';
import type { Logger } from '@vaxledger/runtime';
import type { RefreshSessions } from '../sessions/refresh-sessions';

const refreshRefused = () =>
  new DomainError('unauthenticated', 'invalid_refresh_token', 'The refresh token is invalid or the session has ended.');

export class RefreshSessionHandler {
  constructor(
    private readonly settings: IdentitySettings,
    private readonly write: IdentityWriteModel,
    private readonly logger: Logger,
    private readonly sessions: RefreshSessions,
    private readonly sessionTokens: SessionTokens,
    private readonly clock: Clock,
  ) {}

  async execute(origin: RequestOrigin, body: unknown): Promise<IssuedTokensAnswer> {
    const command = parseInput(refreshSessionSchema, body);
    const now = this.clock.now();
    const rotation = await this.sessions.rotate(command.refreshToken, now);
    if (rotation.outcome === 'invalid') throw refreshRefused();
    const account = await this.write.findAccount(rotation.session.accountId);
    const meta = { now, correlationId: origin.correlationId, actor: { accountId: rotation.session.accountId } };
    if (rotation.outcome === 'reused') {
      this.logger.warn({ accountId: rotation.session.accountId }, 'refresh token reused: session ended');
      await this.sessionTokens.end(rotation.session, 'refresh_token_reuse', meta);
      throw refreshRefused();
    }
    const issuedBeforeRevocation =
      account?.sessionsNotValidBefore != null && Date.parse(rotation.session.createdAt) <= Date.parse(account.sessionsNotValidBefore);
    if (!account || !canSignIn(account) || isLocked(account, now) || issuedBeforeRevocation) {
      await this.sessionTokens.end(rotation.session, 'account_suspended', commandMetadata(signInActor(account ? { ...account } : null), origin, now));
      throw refreshRefused();
    }
    return {
      accessToken: await this.sessionTokens.signAccess(account as AccountState & { accountId: string }, rotation.session.sessionId, now),
      refreshToken: rotation.refreshToken,
      expiresIn: this.settings.IDENTITY_ACCESS_TOKEN_TTL_SECONDS,
      tokenType: 'Bearer',
    };
  }
}
