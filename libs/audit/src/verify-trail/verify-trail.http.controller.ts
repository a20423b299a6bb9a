import { Controller, Get, HttpCode, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
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
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        anchor: {
          type: 'object',
          properties: { kind: { type: 'string' }, sequence: { type: 'integer' }, hash: { type: 'string' } },
        },
        entriesChecked: { type: 'integer' },
        head: { type: 'object', properties: { sequence: { type: 'integer' }, hash: { type: 'string' } } },
        checkpointsChecked: { type: 'integer' },
        latestCheckpoint: { type: 'object', nullable: true },
        signingKeyId: { type: 'string' },
        firstMismatch: {
          type: 'object',
          nullable: true,
          properties: {
            sequence: { type: 'integer' },
            eventId: { type: 'string', nullable: true },
            reason: {
              type: 'string',
              enum: [
                'entry_modified',
                'link_broken',
                'entry_missing',
                'checkpoint_mismatch',
                'checkpoint_signature_invalid',
              ],
            },
            message: { type: 'string' },
          },
        },
        verifiedAt: { type: 'string', format: 'date-time' },
      },
    },
  })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  verify(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin);
  }
}
