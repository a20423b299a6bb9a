import { Controller, Get, HttpCode, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodResponse } from '@vaxledger/runtime';
import { trailVerificationReportExample, trailVerificationReportSchema } from './verify-trail.answer';
import { VerifyTrailHandler } from './verify-trail.handler';

@ApiTags('audit')
@ApiBearerAuth('bearer')
@Controller('api/v1/audit/verify')
@UseGuards(AccessTokenGuard)
export class VerifyTrailController {
  constructor(@Inject(VerifyTrailHandler) private readonly handler: VerifyTrailHandler) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check the hash chain of the audit trail',
    description:
      'Auditors and the national admin. Walks the chain from its anchor (start, or retention boundary) and checks every signed checkpoint; reports the first entry that does not match. 200 either way: `ok` says whether the trail is intact.',
  })
  @ApiZodResponse(200, trailVerificationReportSchema, {
    name: 'TrailVerificationReport',
    description: 'The report; ok is false when a problem was found',
    example: trailVerificationReportExample,
  })
  @ApiErrors({ 403: ['out_of_scope'] })
  verify(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin);
  }
}
