import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Error answers in the OpenAPI document. Every error is `{ error, message, details? }` (http-errors.ts); a route
 * names the codes it can answer per status with `@ApiErrors`, and `documentErrorAnswers` adds the answers every
 * route can give whatever it does (an unreadable request, a missing token, a path too long), so a client or a
 * fuzzer meets no status the document does not list.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 414 | 415 | 422 | 423 | 429 | 503;

export type ErrorCodes = Partial<Record<ErrorStatus, readonly string[]>>;

const statusText: Record<ErrorStatus, string> = {
  400: 'The request is not valid',
  401: 'Not signed in, or the token is no longer valid',
  403: 'Outside the caller\'s scope',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'The body is too large',
  414: 'The path is too long',
  415: 'The body is not JSON',
  422: 'Breaks a rule of the domain',
  423: 'Locked',
  429: 'Too many requests; the Retry-After header says when to try again',
  503: 'Not ready',
};

/** The shared error body; `error` lists the codes this answer can carry. */
export function errorBodySchemaFor(codes: readonly string[]): SchemaObject {
  return {
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { type: 'string', enum: [...new Set(codes)] },
      message: { type: 'string' },
      details: {},
    },
  };
}

function errorResponse(status: ErrorStatus, codes: readonly string[]): ResponseObject {
  const response: ResponseObject = {
    description: `${statusText[status]}: ${[...new Set(codes)].join(', ')}`,
    content: { 'application/json': { schema: errorBodySchemaFor(codes) } },
  };
  if (status === 429) {
    response.headers = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } };
  }
  return response;
}

/** The error answers of one route, by status: `@ApiErrors({ 403: ['out_of_scope'], 404: ['subject_not_found'] })`. */
export function ApiErrors(errors: ErrorCodes): MethodDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, codes]) => {
      const response = errorResponse(Number(status) as ErrorStatus, codes ?? []);
      return ApiResponse({ status: Number(status), description: response.description, content: response.content, headers: response.headers });
    }),
  );
}

/** Answers any route can give, before or beside its handler. */
const answersOfEveryRoute = {
  // The router refuses a path segment longer than its limit, or a path that is not a valid URL, before routing;
  // a path parameter not of its documented pattern is refused by its pipe (path-params.ts).
  path: { 400: ['malformed_request', 'validation_failed'], 414: ['malformed_request'], 404: ['not_found'] },
  // A body that is not JSON, too large, or fails its schema; a query that fails its schema.
  body: { 400: ['malformed_request', 'validation_failed'], 413: ['payload_too_large'], 415: ['unsupported_media_type'] },
  query: { 400: ['validation_failed'] },
  bearer: { 401: ['unauthenticated', 'session_revoked'] },
} satisfies Record<string, ErrorCodes>;

function merge(operation: OperationObject, errors: ErrorCodes): void {
  for (const [key, codes] of Object.entries(errors)) {
    const status = Number(key) as ErrorStatus;
    const existing = operation.responses[key] as ResponseObject | undefined;
    const existingCodes =
      ((existing?.content?.['application/json']?.schema as SchemaObject | undefined)?.properties?.error as SchemaObject | undefined)
        ?.enum ?? [];
    operation.responses[key] = errorResponse(status, [...(existingCodes as string[]), ...(codes ?? [])]);
  }
}

/**
 * Completes the generated document: the error answers every route can give, and `security: []` on routes that
 * take no token, so the bearer scheme is declared exactly where it is checked.
 */
export function documentErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      // `bearer` is a staff token, checked by the shared guard; `citizen` a citizen's short-lived token, whose
      // route documents its own 401.
      const requirements = operation.security ?? [];
      const staff = requirements.some((requirement) => 'bearer' in requirement);
      const citizen = requirements.some((requirement) => 'citizen' in requirement);
      if (!staff && !citizen) operation.security = [];
      if (staff) merge(operation, answersOfEveryRoute.bearer);
      if (path.includes('{')) merge(operation, answersOfEveryRoute.path);
      if (operation.requestBody) merge(operation, answersOfEveryRoute.body);
      if ((operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query')) merge(operation, answersOfEveryRoute.query);
    }
  }
  return document;
}
