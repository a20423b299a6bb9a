import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../command-metadata';
import { DoseHistoryHandler } from './dose-history.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses')
export class DoseHistoryHttpController {
  constructor(private readonly handler: DoseHistoryHandler) {}

  @Get()
  @ApiOperation({
    summary: "A subject's dose history, in the order given (voided doses shown as voided)",
    description: 'Facility staff anywhere, province admins for residents of their province, national admins and auditors. Every read is audited (X-Purpose header says why).',
  })
  @ApiResponse({ status: 200, description: '{ subjectId, items: [dose] }' })
  history(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id));
  }
}
