/**
 * The audit intake: one consumer group over every vaxledger topic. Each message is read into a trail entry and
 * appended once (the trail itself refuses a second copy of an event id); a message the trail cannot read is
 * parked with its error and counted, and the handler returns normally so the bus moves on — parked is a
 * decision, not a failure to retry. Storage failures do throw: the bus redelivers, and dead-letters as a last
 * resort, so nothing disappears silently.
 */
import { EventPattern } from '@nestjs/microservices';
import type { TopicName } from '@vaxledger/contracts';
import type { Clock, CloudEvent } from '@vaxledger/kernel';
import type { BusContext, Logger } from '@vaxledger/runtime';
import type { AuditMetrics } from '../audit-metrics';
import { parseForTrail } from '../domain/trail-intake-parsing';
import type { TrailAppender } from '../trail/trail-appender';
import type { TrailStore } from '../trail/trail-store';

export const trailIntakeGroup = 'trail-intake';

/** Declares no topic itself: `trailIntakeConsumer` gives it the topics and the group of a deployment. */
export class TrailIntakeConsumer {
  constructor(
    private readonly trail: TrailStore,
    private readonly appender: TrailAppender,
    private readonly metrics: AuditMetrics,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  async handle(message: CloudEvent, context: Pick<BusContext, 'getTopic'>): Promise<void> {
    const topic = context.getTopic();
    const parsed = parseForTrail(message, topic);
    if (!parsed.ok) {
      const parkedNow = await this.trail.park({
        eventId: message.id,
        topic,
        type: message.type,
        parkedAt: this.clock.now().toISOString(),
        error: parsed.error,
        message: JSON.stringify(message),
      });
      if (parkedNow) {
        this.metrics.parked.inc({ topic });
        // Ids and the reason only: the message itself may hold personal data.
        this.logger.warn(
          { eventId: message.id, topic, type: message.type, error: parsed.error },
          'audit intake parked a message',
        );
      }
      return;
    }
    const outcome = await this.appender.append(parsed.draft);
    if (outcome.stored === 'appended') this.metrics.entriesAppended.inc({ topic });
    else this.metrics.duplicatesSkipped.inc({ topic });
  }
}

/**
 * The intake as an `@EventPattern` consumer of `topics` in consumer group `group`. The trail refuses a second
 * entry for an event id, and the parked list a second copy, so the server adds no processed-message marks.
 */
export function trailIntakeConsumer(
  topics: TopicName[],
  group: string,
  ...dependencies: ConstructorParameters<typeof TrailIntakeConsumer>
): TrailIntakeConsumer {
  class TrailIntake extends TrailIntakeConsumer {
    @EventPattern(topics, { group, dedupesByMessageId: true })
    override handle(message: CloudEvent, context: Pick<BusContext, 'getTopic'>): Promise<void> {
      return super.handle(message, context);
    }
  }
  return new TrailIntake(...dependencies);
}
