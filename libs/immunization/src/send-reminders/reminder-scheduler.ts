/** Runs the reminder job in the process every REMINDER_INTERVAL_MINUTES, for today in Vietnam. */
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@vaxledger/kernel';
import type { Logger } from '@vaxledger/runtime';
import { vietnamToday } from '../domain/calendar';
import type { ReminderSettings } from './reminder-settings';
import type { SendRemindersJob } from './send-reminders.job';

export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly job: SendRemindersJob,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    const tick = () => {
      this.job.run(vietnamToday(this.clock.now())).catch((error) => this.logger.error({ error: (error as Error).message }, 'reminder run failed'));
    };
    this.timer = setInterval(tick, this.settings.intervalMinutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
