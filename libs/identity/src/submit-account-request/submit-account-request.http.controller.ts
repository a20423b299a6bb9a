import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse, parseInput } from '@vaxledger/runtime';
import { staffFromCsv } from './staff-csv';
import { submittedAccountRequestAnswer } from './submit-account-request.answer';
import { submitAccountRequestCsvSchema, submitAccountRequestSchema } from './submit-account-request.command';
import { SubmitAccountRequestHandler } from './submit-account-request.handler';

const facilityId = '0193a1e8-2b4d-7a9c-9e1f-7c5b3a2d8e60';

const submitted = {
  name: 'SubmittedAccountRequest',
  description: "Submitted; the request awaits the province's decision",
  example: { requestId: '0193a1f0-9d3c-7b12-a4e5-6f7081920a3b' },
};

const submitErrors = {
  403: ['out_of_scope'],
  404: ['facility_not_found'],
  409: ['username_taken'],
} as const;

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class SubmitAccountRequestController {
  constructor(@Inject(SubmitAccountRequestHandler) private readonly handler: SubmitAccountRequestHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: "Submits a facility's staff list for accounts (facility admin, or an admin above it)",
    description:
      'Usernames must be free now (409 username_taken, details.usernames) and appear once in the list (422 duplicate_username); they are reserved only when ' +
      "the province approves. 404 facility_not_found for an unknown facility; 403 out_of_scope (recorded as an access denial) for a facility the caller does not administer.",
  })
  @ApiZodBody(submitAccountRequestSchema, {
    name: 'SubmitAccountRequestRequest',
    example: {
      facilityId,
      staff: [
        {
          fullName: 'Nguyễn Thị Lan',
          gender: 'female',
          unit: 'Tổ tiêm chủng',
          position: 'Điều dưỡng',
          email: 'lan.nguyen@tramyte-dienbien.example.vn',
          phone: '0912345678',
          username: 'lan.nguyen',
          rights: ['data_entry', 'subject_management'],
        },
        {
          fullName: 'Trần Văn Minh',
          gender: 'male',
          unit: 'Tổ tiêm chủng',
          position: 'Y sĩ',
          email: 'minh.tran@tramyte-dienbien.example.vn',
          phone: '0987654321',
          username: 'minh.tran',
          rights: ['data_entry'],
        },
      ],
    },
  })
  @ApiZodResponse(202, submittedAccountRequestAnswer, submitted)
  @ApiErrors({ ...submitErrors, 422: ['duplicate_username'] })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }

  @Post('csv')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submits the staff list as CSV text (same rules as the JSON list)',
    description:
      'A JSON body whose csv field holds the text/csv staff list: a header line naming the columns, one line per person, rights separated by "|" or ";", ' +
      'at most 500 lines. 422 malformed_csv for text that cannot be read, holds no lines or too many, or misses columns; each line is then checked as in the ' +
      'JSON list (422 csv_line_invalid naming staff.<line>.<field>, 422 duplicate_username, 409 username_taken, 404 facility_not_found, 403 out_of_scope).',
  })
  @ApiZodBody(submitAccountRequestCsvSchema, {
    name: 'SubmitAccountRequestCsvRequest',
    example: {
      facilityId,
      csv:
        'fullName,gender,unit,position,email,phone,username,rights\n' +
        'Nguyễn Thị Lan,female,Tổ tiêm chủng,Điều dưỡng,lan.nguyen@tramyte-dienbien.example.vn,0912345678,lan.nguyen,data_entry|subject_management\n' +
        'Trần Văn Minh,male,Tổ tiêm chủng,Y sĩ,minh.tran@tramyte-dienbien.example.vn,0987654321,minh.tran,data_entry',
    },
  })
  @ApiZodResponse(202, submittedAccountRequestAnswer, submitted)
  @ApiErrors({ ...submitErrors, 422: ['malformed_csv', 'csv_line_invalid', 'duplicate_username'] })
  submitCsv(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    const upload = parseInput(submitAccountRequestCsvSchema, body);
    // The CSV's rows become the JSON request's staff list, checked by the same schema in the handler.
    return this.handler.executeCsv(principal, origin, { facilityId: upload.facilityId, staff: staffFromCsv(upload.csv) });
  }
}
