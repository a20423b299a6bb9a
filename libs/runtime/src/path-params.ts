/**
 * Path parameters, documented and checked by one pattern: the document states it, and a pipe refuses anything
 * else with 400 `validation_failed` before the handler looks anything up, so an id becomes a stream name or a
 * lookup key only in the form every route takes (`@Param('id', PathId('subject')) id: string`).
 */
import { type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { opaqueIdPattern, validationError } from '@vaxledger/kernel';

/** Documents a path parameter by its pattern. */
export function ApiPathParam(name: string, description: string, pattern: RegExp, example: string): MethodDecorator {
  return ApiParam({ name, required: true, description, schema: { type: 'string', pattern: pattern.source, example } });
}

/** Documents an id in the path, as `PathId` checks it. */
export function ApiIdParam(name: string, what: string, example: string): MethodDecorator {
  return ApiParam({
    name,
    required: true,
    description: `The ${what} id`,
    schema: { type: 'string', pattern: opaqueIdPattern.source, minLength: 1, maxLength: 64, example },
  });
}

/** A pipe refusing a path parameter that does not match `pattern`; `problem` says what it must be. */
export function PathPattern(pattern: RegExp, what: string, problem = `must match ${pattern.source}`): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (typeof value !== 'string' || !pattern.test(value)) {
        throw validationError('validation_failed', `The ${what} is not valid.`, [{ field: what, problem }]);
      }
      return value;
    },
  };
}

/** A pipe refusing a path id that is not an opaque id. */
export const PathId = (what: string): PipeTransform<string, string> =>
  PathPattern(opaqueIdPattern, `${what} id`, 'must be 1 to 64 letters, digits or hyphens');
