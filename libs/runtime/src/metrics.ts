import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { ApiZodResponse } from './openapi-zod';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** Process-wide Prometheus metrics: defaults plus HTTP and pipeline counters. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsAppended: Counter<'service'>;
  readonly messagesPublished: Counter<'service'>;
  readonly projectionErrors: Counter<'projection'>;

  constructor(labels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'vaxledger_http_request_duration_seconds',
      help: 'HTTP request duration by route template (never by raw URL, so no identifiers become labels).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.eventsAppended = new Counter({
      name: 'vaxledger_events_appended_total',
      help: 'Domain events appended to the event store.',
      labelNames: ['service'],
      registers: [this.registry],
    });
    this.messagesPublished = new Counter({
      name: 'vaxledger_messages_published_total',
      help: 'Integration messages published by the relay.',
      labelNames: ['service'],
      registers: [this.registry],
    });
    this.projectionErrors = new Counter({
      name: 'vaxledger_projection_errors_total',
      help: 'Events a projection failed to apply.',
      labelNames: ['projection'],
      registers: [this.registry],
    });
  }
}

/** `GET /metrics`: the Prometheus text exposition format, not JSON. */
export const prometheusTextSchema = z.string().describe('Prometheus text exposition format 0.0.4');

const metricsContentType = 'text/plain; version=0.0.4';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', metricsContentType)
  @ApiOperation({
    summary: 'Prometheus metrics of this process',
    description: 'No token; meant for the scraper inside the cluster. Labels carry route templates, never raw URLs.',
  })
  @ApiZodResponse(200, prometheusTextSchema, {
    name: 'PrometheusMetrics',
    description: 'The metrics',
    contentType: metricsContentType,
    example:
      '# HELP vaxledger_events_appended_total Domain events appended to the event store.\n# TYPE vaxledger_events_appended_total counter\nvaxledger_events_appended_total{service="registry"} 4182\n',
  })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
