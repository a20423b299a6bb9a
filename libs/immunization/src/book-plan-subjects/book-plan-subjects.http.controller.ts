import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { bookPlanSubjectsBodySchema } from './book-plan-subjects.command';
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
  @ApiBody({ schema: bookPlanSubjectsBodySchema })
  @ApiResponse({ status: 200, description: '{ planId, bookedSubjectIds, booked, capacity, remaining }' })
  book(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('plan', id), body);
  }
}
