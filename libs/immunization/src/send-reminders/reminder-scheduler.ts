/** Runs the reminder job in the process every REMINDER_INTERVAL_MINUTES, for today in Vietnam. */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { vietnamToday } from '../domain/calendar';
import { REMINDER_SETTINGS, type ReminderSettings } from './reminder-settings';
import { SendRemindersJob } from './send-reminders.job';

@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
    private readonly job: SendRemindersJob,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    const tick = () => {
      this.job.run(vietnamToday(this.infra.clock.now())).catch((error) => this.infra.logger.error({ error: (error as Error).message }, 'reminder run failed'));
    };
    this.timer = setInterval(tick, this.settings.intervalMinutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
