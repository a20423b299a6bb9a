import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@vaxledger/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { Logger } from './logger';
import { fieldProblems } from './request-validation';

/** The one mapping from domain errors to HTTP: `{ error, message, details? }`, never a stack trace. */
const statusByKind: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  locked: 423,
  rate_limited: 429,
};

const codeByStatus: Record<number, string> = {
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_broken',
  423: 'locked',
  429: 'rate_limited',
};

export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

/** `ErrorBody` as an OpenAPI schema, for `@ApiResponse({ status, description, schema: errorBodySchema })`. */
export const errorBodySchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: {} },
};

export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody; retryAfterSeconds?: number } {
  if (exception instanceof DomainError) {
    const status = statusByKind[exception.kind];
    const body: ErrorBody = { error: exception.code, message: exception.message };
    if (exception.details !== undefined) body.details = exception.details;
    const retry = (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return { status, body, retryAfterSeconds: retry };
  }
  if (exception instanceof ZodError) {
    return {
      status: 400,
      body: {
        error: 'validation_failed',
        message: 'The request is not valid.',
        details: fieldProblems(exception),
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? ((response as { message: string }).message)
          : exception.message;
    return { status, body: { error: codeByStatus[status] ?? 'error', message } };
  }
  const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return {
      status: fastifyStatus,
      body: { error: codeByStatus[fastifyStatus] ?? 'malformed_request', message: 'The request could not be read.' },
    };
  }
  return { status: 500, body: { error: 'internal_error', message: 'Something went wrong on our side; it has been logged.' } };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { status, body, retryAfterSeconds } = toErrorResponse(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, correlationId: request.id, route: request.routeOptions?.url }, 'request failed');
    } else {
      this.logger.info({ correlationId: request.id, route: request.routeOptions?.url, status, error: body.error }, 'request refused');
    }
    if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
    reply.status(status).send(body);
  }
}
