import { createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@vaxledger/kernel';
import type { FastifyRequest } from 'fastify';
import { BearerTokenStrategy } from './bearer-token.strategy';
import type { Principal } from './principal';

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * `@UseGuards(AccessTokenGuard)`: passport's `AuthGuard` running this module's `BearerTokenStrategy`, which
 * puts the verified caller on `request.principal` (read with `@CurrentPrincipal()`).
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard() {
  constructor(strategy: BearerTokenStrategy) {
    super({ defaultStrategy: strategy.name, property: 'principal', session: false });
  }

  /** Keeps the documented `{error, message, details}` answers: the strategy's coded errors pass through. */
  override handleRequest<TPrincipal = Principal>(error: unknown, principal: TPrincipal | false): TPrincipal {
    if (error) throw error;
    if (!principal) throw new DomainError('unauthenticated', 'unauthenticated', 'Sign in first.');
    return principal;
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
