import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { staffFromCsv } from './staff-csv';
import {
  submitAccountRequestBodySchema,
  submitAccountRequestCsvBodySchema,
  submitAccountRequestCsvSchema,
} from './submit-account-request.command';
import { SubmitAccountRequestHandler } from './submit-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class SubmitAccountRequestController {
  constructor(@Inject(SubmitAccountRequestHandler) private readonly handler: SubmitAccountRequestHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: "Submits a facility's staff list for accounts (facility admin, or an admin above it)" })
  @ApiBody({ schema: submitAccountRequestBodySchema })
  @ApiResponse({ status: 202, description: '{requestId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 409, description: 'username_taken' })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }

  @Post('csv')
  @HttpCode(202)
  @ApiOperation({ summary: 'Submits the staff list as CSV text (same rules as the JSON list)' })
  @ApiBody({ schema: submitAccountRequestCsvBodySchema })
  @ApiResponse({ status: 202, description: '{requestId}' })
  submitCsv(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    const upload = parseInput(submitAccountRequestCsvSchema, body);
    // The CSV's rows become the JSON request's staff list, checked by the same schema in the handler.
    return this.handler.execute(principal, origin, { facilityId: upload.facilityId, staff: staffFromCsv(upload.csv) });
  }
}
