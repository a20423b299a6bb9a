import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiErrors } from './openapi-errors';
import { ApiZodResponse } from './openapi-zod';

/** A readiness check of one engine or worker the process depends on. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Collects readiness checks from every module of the process. */
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];
  add(...checks: ReadinessCheck[]): void {
    this.checks.push(...checks);
  }
  async run(timeoutMs = 2000): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    await Promise.all(
      this.checks.map(async (c) => {
        try {
          await Promise.race([
            c.check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
          ]);
          results[c.name] = 'up';
        } catch (error) {
          results[c.name] = `down: ${error instanceof Error ? error.message : String(error)}`;
        }
      }),
    );
    return { ok: Object.values(results).every((v) => v === 'up'), checks: results };
  }
}

/** `GET /health/live`: the process answers. */
export const livenessSchema = z.object({ status: z.literal('live') });

/** `GET /health/ready` when every check is up; each check answers `up` or `down: <why>`. */
export const readinessSchema = z.object({
  status: z.literal('ready'),
  checks: z.record(z.string()).describe('Each engine or worker the process depends on: up, or down: <why>'),
});

/**
 * Not ready (503): the same report, and like every error answer an `error` code and a `message`, so a
 * client reads it the way it reads any other refusal.
 */
function notReady(checks: Record<string, string>) {
  const down = Object.entries(checks)
    .filter(([, state]) => state !== 'up')
    .map(([name]) => name);
  return { error: 'not_ready', message: `Not ready: ${down.join(', ')}.`, status: 'not_ready' as const, checks };
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'No token. For the orchestrator\'s liveness probe.' })
  @ApiZodResponse(200, livenessSchema, { name: 'Liveness', description: 'Live', example: { status: 'live' } })
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: engines reachable, projections caught up, consumers joined',
    description:
      'No token. For the load balancer and the readiness probe. 503 not_ready names the checks that are down; the body also carries status and checks.',
  })
  @ApiZodResponse(200, readinessSchema, {
    name: 'Readiness',
    description: 'Ready',
    example: { status: 'ready', checks: { 'event-store': 'up', 'read-models': 'up', projections: 'up' } },
  })
  @ApiErrors({ 503: ['not_ready'] })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.readiness.run();
    if (!result.ok) {
      reply.status(503);
      return notReady(result.checks);
    }
    reply.status(200);
    return { status: 'ready' as const, checks: result.checks };
  }
}
