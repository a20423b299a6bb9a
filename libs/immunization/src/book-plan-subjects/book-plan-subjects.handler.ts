/**
 * Books subjects on a plan. "One booking per dose" spans several aggregates, so it is enforced on the write side
 * in two steps: each subject's record first takes a booking (refused when the same dose is already booked on
 * another plan), then the plan takes the list (capacity, duplicates). When the plan refuses, the bookings just
 * taken are released again; all or nothing from the caller's point of view.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock, type CommandMetadata, conflict, DomainError, notFound, ruleBroken } from '@vaxledger/kernel';
import { parseInput, type Logger } from '@vaxledger/runtime';
import { requirePlanner } from '../access/immunization-scope';
import { vietnamToday } from '../domain/calendar';
import { immunizationStreamId } from '../domain/immunization-record.events';
import { planStreamId } from '../domain/vaccination-plan.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { ImmunizationRecords, VaccinationPlans } from '../immunization-records';
import { bookPlanSubjectsSchema } from './book-plan-subjects.command';

export class BookPlanSubjectsHandler {
  constructor(
    private readonly catalogue: VaccineCatalogue,
    private readonly logger: Logger,
    private readonly plans: VaccinationPlans,
    private readonly records: ImmunizationRecords,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, planId: string, body: unknown) {
    const input = parseInput(bookPlanSubjectsSchema, body);
    const { state: plan } = await this.plans.load(planStreamId(planId));
    if (!plan) throw notFound('plan_not_found', 'No such vaccination plan.');
    requirePlanner(principal, { facilityId: plan.facilityId, provinceCode: plan.provinceCode });
    const now = this.clock.now();
    const today = vietnamToday(now);
    const meta = commandMetadata(principal, origin, now);
    const subjectIds = [...new Set(input.subjectIds)];

    // Cheap refusals before touching any subject's record; the plan's decider checks again when it appends.
    if (plan.date < today) throw ruleBroken('plan_date_passed', 'This plan’s day has passed; book the subjects on a current plan.');
    const already = subjectIds.filter((id) => plan.subjectIds.includes(id));
    if (already.length) throw conflict('subject_already_booked', 'Some subjects are already booked on this plan.', { subjectIds: already });
    if (plan.subjectIds.length + subjectIds.length > plan.capacity) {
      throw ruleBroken('plan_capacity_exceeded', `The plan has ${plan.capacity - plan.subjectIds.length} place(s) left.`, {
        capacity: plan.capacity,
        booked: plan.subjectIds.length,
        requested: subjectIds.length,
      });
    }

    const taken: string[] = [];
    try {
      for (const subjectId of subjectIds) {
        await this.records.handle(
          immunizationStreamId(subjectId),
          { type: 'BookDose', subjectId, planId, vaccineCode: plan.vaccineCode, date: plan.date, today, catalogue: this.catalogue },
          meta,
        );
        taken.push(subjectId);
      }
      const result = await this.plans.handle(planStreamId(planId), { type: 'BookSubjects', planId, subjectIds, today }, meta);
      const booked = result.state?.subjectIds.length ?? 0;
      return { planId, bookedSubjectIds: subjectIds, booked, capacity: plan.capacity, remaining: plan.capacity - booked };
    } catch (error) {
      await this.release(taken, planId, meta, error);
      throw error;
    }
  }

  private async release(subjectIds: string[], planId: string, meta: CommandMetadata, cause: unknown): Promise<void> {
    const reason = cause instanceof DomainError ? cause.code : 'booking_failed';
    for (const subjectId of subjectIds) {
      try {
        await this.records.handle(immunizationStreamId(subjectId), { type: 'ReleaseBooking', subjectId, planId, reason }, meta);
      } catch (error) {
        // The booking stays open until its day passes; it blocks nothing after that.
        this.logger.warn({ planId, err: error }, 'could not release a booking after a refused plan booking');
      }
    }
  }
}
