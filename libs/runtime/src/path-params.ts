/**
 * Path parameters, documented and checked by one pattern: the document states it, and a pipe refuses anything
 * else with 400 `validation_failed` before the handler looks anything up, so an id becomes a stream or a
 * lookup key only in the form every route takes.
 */
import { type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { opaqueIdPattern, validationError } from '@vaxledger/kernel';

/** Documents a path parameter by its pattern. */
export function ApiPathParam(name: string, description: string, pattern: RegExp, example: string): MethodDecorator {
  return ApiParam({ name, required: true, description, schema: { type: 'string', pattern: pattern.source, example } });
}

/** Documents an id in the path (`@Param(name, PathId(what))` checks it). */
export function ApiIdParam(name: string, what: string, example: string): MethodDecorator {
  return ApiPathParam(name, `The ${what} id`, opaqueIdPattern, example);
}

/** A pipe refusing a path parameter that does not match `pattern`. */
export function PathPattern(pattern: RegExp, what: string): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (typeof value !== 'string' || !pattern.test(value)) {
        throw validationError('validation_failed', `The ${what} is not valid.`, [{ field: what, problem: `must match ${pattern.source}` }]);
      }
      return value;
    },
  };
}

/** A pipe refusing a path id that is not an opaque id. */
export const PathId = (what: string): PipeTransform<string, string> => PathPattern(opaqueIdPattern, `${what} id`);
