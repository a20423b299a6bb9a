/**
 * Query parameter examples for `ApiZodQuery`. Nest's swagger drops the `example` of a parameter that has its own
 * schema, so each example goes into the property's schema instead (zod-to-openapi metadata). The copy is for the
 * document only; the handler validates with the schema it was made from, and the two differ by examples alone.
 */
import { ApiZodQuery } from '@vaxledger/runtime';
import type { AnyZodObject, ZodTypeAny } from 'zod';

export function ApiZodQueryWithExamples(schema: AnyZodObject, examples: Record<string, unknown>): MethodDecorator {
  const shape = schema.shape as Record<string, ZodTypeAny>;
  const documented = Object.fromEntries(
    Object.entries(shape).map(([name, property]) => [name, name in examples ? property.openapi({ example: examples[name] }) : property]),
  );
  return ApiZodQuery(schema.extend(documented), examples);
}
