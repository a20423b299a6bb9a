import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { EventPipeline } from './event-pipeline';

export const EVENT_PIPELINE = Symbol('EVENT_PIPELINE');

/** Starts a service's pipeline once the app is wired and stops it after in-flight requests drained. */
@Injectable()
export class EventPipelineLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(EVENT_PIPELINE) private readonly pipeline: EventPipeline) {}

  /** Every module's init runs before any module's bootstrap: consumers listen before relays publish. */
  onModuleInit(): Promise<void> {
    return this.pipeline.subscribeConsumers();
  }

  /** Waits for the catch-up up to `STARTUP_CATCH_UP_WAIT_MS` (default 10 s), then lets the app listen. */
  onApplicationBootstrap(): Promise<void> {
    return this.pipeline.startWithin(this.pipeline.startupWaitMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.pipeline.stop();
  }
}
