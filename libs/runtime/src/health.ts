import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

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

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.readiness.run();
    reply.status(result.ok ? 200 : 503);
    return { status: result.ok ? 'ready' : 'not_ready', checks: result.checks };
  }
}
