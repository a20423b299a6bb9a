/**
 * The passport strategy behind `AccessTokenGuard`: the bearer token of the Authorization header, verified
 * locally with identity's EdDSA public keys (jose, chosen by `kid`, verdicts cached by the verifier), then
 * checked against the revocation list (ended sessions, an account's "not valid before" instant).
 */
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { DomainError } from '@vaxledger/kernel';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-strategy';
import { AccessTokenVerifier, type VerificationKeys } from './access-tokens';
import type { Principal } from './principal';
import type { RevocationList } from './revocation';

export const AUTH_PUBLIC_KEY = Symbol('AUTH_PUBLIC_KEY');
export const REVOCATION_LIST = Symbol('REVOCATION_LIST');
/** Each service module registers its own strategy (its own revocation list) under its own passport name. */
export const BEARER_STRATEGY_NAME = Symbol('BEARER_STRATEGY_NAME');

type Verified = (error: unknown, principal?: Principal | false) => void;

/**
 * Reads the token from the Authorization header only: unlike passport-http-bearer it never takes one from a
 * query parameter or the body, so a token cannot end up in a URL or a log of one.
 */
class AuthorizationHeaderBearer extends Strategy {
  constructor(
    readonly name: string,
    private readonly verify: (token: string, verified: Verified) => void,
  ) {
    super();
  }

  override authenticate(request: { headers: IncomingHttpHeaders }): void {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      this.error(new DomainError('unauthenticated', 'unauthenticated', 'Sign in first: a bearer access token is required.'));
      return;
    }
    this.verify(match[1], (error, principal) => {
      if (error) this.error(error as Error);
      else if (principal) this.success(principal);
      else this.fail(401);
    });
  }
}

@Injectable()
export class BearerTokenStrategy extends PassportStrategy(AuthorizationHeaderBearer) {
  private readonly verifier: AccessTokenVerifier;

  constructor(
    @Inject(BEARER_STRATEGY_NAME) name: string,
    @Inject(AUTH_PUBLIC_KEY) publicKey: VerificationKeys,
    @Inject(REVOCATION_LIST) private readonly revocations: RevocationList,
  ) {
    super(name);
    this.verifier = new AccessTokenVerifier(publicKey);
  }

  /** Passport's verify step: the principal, or a coded error the exception filter answers with 401. */
  async validate(token: string): Promise<Principal> {
    const { principal, issuedAtMs } = await this.verifier.verifyToken(token);
    if (await this.revocations.isRevoked(principal, issuedAtMs)) {
      throw new DomainError('unauthenticated', 'session_revoked', 'This session has ended; sign in again.');
    }
    return principal;
  }
}
