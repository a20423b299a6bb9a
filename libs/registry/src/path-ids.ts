/**
 * Ids in a registry path: they become stream names and read-model keys, so only plain opaque ids (letters,
 * digits, hyphens, at most 64) are taken. The document states the same pattern, and anything else is refused
 * with 400 validation_failed before a handler looks anything up.
 */
import { ApiParam } from '@nestjs/swagger';
import { opaqueIdPattern, validationError } from '@vaxledger/kernel';

export function parsePathId(field: string, value: string): string {
  if (!opaqueIdPattern.test(value ?? '')) {
    throw validationError('validation_failed', `The ${field} is not valid.`, [
      { field, problem: 'must be 1 to 64 letters, digits or hyphens' },
    ]);
  }
  return value;
}

export function ApiPathId(name: string, description: string, example: string): MethodDecorator {
  return ApiParam({
    name,
    required: true,
    description,
    schema: { type: 'string', pattern: opaqueIdPattern.source, minLength: 1, maxLength: 64, example },
  });
}
