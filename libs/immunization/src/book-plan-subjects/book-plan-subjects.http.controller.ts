import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { concurrencyConflict } from '../error-codes';
import { bookPlanSubjectsAnswer } from './book-plan-subjects.answer';
import { bookPlanSubjectsSchema } from './book-plan-subjects.command';
import { BookPlanSubjectsHandler } from './book-plan-subjects.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/plans/:id/subjects')
export class BookPlanSubjectsController {
  constructor(@Inject(BookPlanSubjectsHandler) private readonly handler: BookPlanSubjectsHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Book subjects on a plan (all or none)',
    description:
      '409 subject_already_booked when a subject is on this plan already or holds an open booking for the same dose on another plan; 422 plan_capacity_exceeded, plan_date_passed or series_complete.',
  })
  @ApiZodBody(bookPlanSubjectsSchema, {
    name: 'BookPlanSubjectsRequest',
    description: 'The subjects to book, 1 to 1000 ids; a repeated id counts once.',
    example: { subjectIds: ['0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21', '0190f3a2-8d40-7b11-a3c5-2e6f9d1b7c04'] },
  })
  @ApiIdParam('id', 'plan', '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17')
  @ApiZodResponse(200, bookPlanSubjectsAnswer, {
    name: 'BookPlanSubjectsAnswer',
    description: 'Booked, all of them',
    example: {
      planId: '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17',
      bookedSubjectIds: ['0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21', '0190f3a2-8d40-7b11-a3c5-2e6f9d1b7c04'],
      booked: 42,
      capacity: 300,
      remaining: 258,
    },
  })
  @ApiErrors({
    403: ['out_of_scope'],
    404: ['plan_not_found'],
    409: ['subject_already_booked', concurrencyConflict],
    422: ['plan_date_passed', 'plan_capacity_exceeded', 'series_complete', 'unknown_vaccine'],
  })
  book(@Param('id', PathId('plan')) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id, body);
  }
}
