import { type CanActivate, createParamDecorator, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@vaxledger/kernel';
import type { FastifyRequest } from 'fastify';
import { AccessTokenVerifier, type VerificationKeys } from './access-tokens';
import type { Principal } from './principal';
import type { RevocationList } from './revocation';

export const AUTH_PUBLIC_KEY = Symbol('AUTH_PUBLIC_KEY');
export const REVOCATION_LIST = Symbol('REVOCATION_LIST');

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Bearer JWT check, verified locally with identity's public keys (chosen by `kid`), plus the revocation list. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly verifier: AccessTokenVerifier;

  constructor(
    @Inject(AUTH_PUBLIC_KEY) publicKey: VerificationKeys,
    @Inject(REVOCATION_LIST) private readonly revocations: RevocationList,
  ) {
    this.verifier = new AccessTokenVerifier(publicKey);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('unauthenticated', 'unauthenticated', 'Sign in first: a bearer access token is required.');
    const { principal, issuedAtMs } = await this.verifier.verifyToken(match[1]);
    if (await this.revocations.isRevoked(principal, issuedAtMs)) {
      throw new DomainError('unauthenticated', 'session_revoked', 'This session has ended; sign in again.');
    }
    request.principal = principal;
    return true;
  }
}

/** The verified caller, in a controller method guarded by AccessTokenGuard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new DomainError('unauthenticated', 'unauthenticated', 'Sign in first.');
  return principal;
});

/** Where a request came from, for login history and access records. */
export interface RequestOrigin {
  ip: string;
  userAgent: string;
  correlationId: string;
  purpose: string | null;
}

export const CurrentOrigin = createParamDecorator((_: unknown, context: ExecutionContext): RequestOrigin => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const ua = request.headers['user-agent'];
  const purpose = request.headers['x-purpose'];
  return {
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua.slice(0, 256) : '',
    correlationId: String(request.id),
    purpose: typeof purpose === 'string' ? purpose.slice(0, 200) : null,
  };
});
