/**
 * Ids in a path, documented as `parseId` (certificate-ids.ts) accepts them: anything else is refused with 400
 * `validation_failed` before the handler looks anything up.
 */
import { ApiParam } from '@nestjs/swagger';
import { opaqueIdPattern } from '@vaxledger/kernel';

export function ApiIdParam(name: string, what: string, example: string): MethodDecorator {
  return ApiParam({
    name,
    required: true,
    description: `The ${what} id`,
    schema: { type: 'string', pattern: opaqueIdPattern.source, minLength: 1, maxLength: 64, example },
  });
}

export const subjectIdExample = '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a';
export const certificateIdExample = '0193a4c2-5e1f-7b3a-9c2d-4f8e6a1b3c5d';
