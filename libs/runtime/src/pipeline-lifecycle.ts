import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventPipeline } from './event-pipeline';

export const EVENT_PIPELINE = Symbol('EVENT_PIPELINE');

/** Starts a service's pipeline once the app is wired and stops it after in-flight requests drained. */
@Injectable()
export class EventPipelineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(EVENT_PIPELINE) private readonly pipeline: EventPipeline) {}

  onApplicationBootstrap(): Promise<void> {
    return this.pipeline.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.pipeline.stop();
  }
}
