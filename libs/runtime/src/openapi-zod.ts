import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, type AnyZodObject, type ZodTypeAny } from 'zod';

/**
 * The OpenAPI document is generated from the same zod schemas that validate requests and describe answers, so
 * the document cannot be looser or stricter than the server. Controllers name each schema once; the schemas
 * themselves stay plain zod (domain and command files know nothing of OpenAPI).
 */
extendZodWithOpenApi(z);

/** Every named schema the controllers declared, turned into `components.schemas` when the document is built. */
const named = new OpenAPIRegistry();
const namedSchemas = new Map<string, ZodTypeAny>();

export interface SchemaDoc {
  /** The component name, e.g. `RegisterSubjectRequest`; unique across the document. */
  name: string;
  description?: string;
  example?: unknown;
}

function register(schema: ZodTypeAny, doc: SchemaDoc): ReferenceObject {
  const known = namedSchemas.get(doc.name);
  if (known && known !== schema) throw new Error(`two different schemas are both named ${doc.name} in the OpenAPI document`);
  if (!known) {
    namedSchemas.set(doc.name, schema);
    const metadata: { description?: string; example?: unknown } = {};
    if (doc.description) metadata.description = doc.description;
    if (doc.example !== undefined) metadata.example = doc.example;
    named.register(doc.name, Object.keys(metadata).length ? schema.openapi(metadata) : schema);
  }
  return { $ref: `#/components/schemas/${doc.name}` };
}

/** One schema as an inline OpenAPI 3.0 schema object (for a query parameter, or a test). */
export function zodSchemaObject(schema: ZodTypeAny): SchemaObject {
  const scratch = new OpenAPIRegistry();
  scratch.register('Scratch', schema);
  const components = new OpenApiGeneratorV3(scratch.definitions).generateComponents().components?.schemas ?? {};
  return components.Scratch as SchemaObject;
}

/** `components.schemas` for every schema named through these decorators. */
export function zodComponents(): Record<string, SchemaObject> {
  return (new OpenApiGeneratorV3(named.definitions).generateComponents().components?.schemas ?? {}) as Record<
    string,
    SchemaObject
  >;
}

/**
 * The request body, validated by `schema` in the handler, documented by the same schema. `required: false` for a
 * route that also takes no body at all (an optional reason, say).
 */
export function ApiZodBody(schema: ZodTypeAny, doc: SchemaDoc & { required?: boolean }): MethodDecorator {
  return ApiBody({ schema: register(schema, doc), description: doc.description, required: doc.required ?? true });
}

/** A successful answer and its body. `schema` null documents an answer without a body (204, a redirect). */
export function ApiZodResponse(
  status: number,
  schema: ZodTypeAny | null,
  doc: SchemaDoc & { contentType?: string },
): MethodDecorator {
  const description = doc.description ?? doc.name;
  if (schema === null) return ApiResponse({ status, description });
  const reference = register(schema, doc);
  if (doc.contentType && doc.contentType !== 'application/json') {
    return ApiResponse({ status, description, content: { [doc.contentType]: { schema: reference } } });
  }
  return ApiResponse({ status, description, schema: reference });
}

/**
 * Each property of a query object as a query parameter, with its own schema, required unless optional. An
 * example goes into the parameter's schema: Nest's swagger drops a parameter's own `example` when it has a schema.
 */
export function ApiZodQuery(schema: AnyZodObject, examples: Record<string, unknown> = {}): MethodDecorator {
  const object = zodSchemaObject(schema);
  const required = new Set(object.required ?? []);
  const properties = (object.properties ?? {}) as Record<string, SchemaObject>;
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({
        name,
        required: required.has(name),
        schema: name in examples ? { ...property, example: examples[name] } : property,
        description: property.description,
      }),
    ),
  );
}
