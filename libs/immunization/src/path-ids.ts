/**
 * Ids in a path, documented as `parseId` (ids.ts) accepts them: anything else is refused with 400
 * `validation_failed` before the handler looks anything up.
 */
import { ApiParam } from '@nestjs/swagger';
import { idPattern } from './ids';

export function ApiIdParam(name: string, what: string, example: string): MethodDecorator {
  return ApiParam({
    name,
    required: true,
    description: `The ${what} id`,
    schema: { type: 'string', pattern: idPattern.source, minLength: 1, maxLength: 64, example },
  });
}
