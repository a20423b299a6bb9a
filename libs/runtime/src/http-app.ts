import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type DynamicModule, Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { HealthController, READINESS_CHECKS, ReadinessRegistry } from './health';
import { HttpErrorFilter } from './http-errors';
import { documentErrorAnswers } from './openapi-errors';
import { zodComponents } from './openapi-zod';
import { type Logger, PinoNestLogger } from './logger';
import { Metrics, METRICS_REGISTRY, MetricsController } from './metrics';
import { trustedProxyCheck } from './trusted-proxies';

export interface HttpAppOptions {
  title: string;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  /** Request bodies above this are refused (413): imports use the CLI, not HTTP. */
  bodyLimitBytes?: number;
  /** CIDRs of the proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`); none by default. */
  trustedProxies?: readonly string[];
}

/** Health and metrics, shared by every process. */
function platformModule(metrics: Metrics, readiness: ReadinessRegistry): DynamicModule {
  @Module({})
  class PlatformModule {}
  return {
    module: PlatformModule,
    controllers: [HealthController, MetricsController],
    providers: [
      { provide: READINESS_CHECKS, useValue: readiness },
      { provide: METRICS_REGISTRY, useValue: metrics },
    ],
  };
}

const correlationPattern = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Builds a Nest application on Fastify with the runtime basics every vaxledger process has: correlation
 * ids, JSON logs without personal data, the error mapping, health, metrics and OpenAPI.
 */
export async function createHttpApp(
  features: Array<DynamicModule | Type<unknown>>,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  @Module({ imports: [platformModule(options.metrics, options.readiness), ...features] })
  class AppModule {}

  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: trustedProxyCheck(options.trustedProxies ?? []),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && correlationPattern.test(given) ? given : randomUUID();
    },
    logger: false,
    // A `__proto__` or `constructor.prototype` key in a JSON body is dropped before anything reads it, rather than
    // refusing a body whose every documented field is valid (the key is no field of any schema).
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // What the router refuses before any route runs (a path segment over the length limit, a path that is not a
    // valid URL) answers in the API's own error shape, never Fastify's; the document lists both on every path.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .code(tooLong ? 414 : 400)
        .type('application/json')
        .send({ error: 'malformed_request', message: tooLong ? 'A path segment is too long.' : 'The path is not a valid URL.' });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: false,
  });
  app.useGlobalFilters(new HttpErrorFilter(options.logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    // The route template, never the raw URL: ids would explode label cardinality.
    const route = request.routeOptions?.url ?? 'unmatched';
    options.metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  setupOpenApi(app, options.title);
  return app;
}

export function setupOpenApi(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(
      'vaxledger HTTP API v1. Bearer JWT from the password + OTP login. Errors are `{ error, message, details? }`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A citizen token from POST /api/v1/citizen/verify' },
      'citizen',
    )
    .build();
  const document = documentErrorAnswers(SwaggerModule.createDocument(app, config));
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...zodComponents() } };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
