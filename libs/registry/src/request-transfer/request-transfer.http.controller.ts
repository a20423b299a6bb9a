import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { requestTransferSchema, transferRequestedSchema } from './request-transfer.command';
import { RequestTransferHandler } from './request-transfer.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class RequestTransferController {
  constructor(@Inject(RequestTransferHandler) private readonly handler: RequestTransferHandler) {}

  @Post(':subjectId/transfer-requests')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Ask to transfer management of a subject to another facility',
    description:
      'By the managing facility or by the receiving facility (subject_management). Only the giving side accepts: the managing facility (when the receiving facility asked), the province admin of the managing facility, or the national admin.',
  })
  @ApiZodBody(requestTransferSchema, { name: 'RequestTransferRequest', example: { toFacilityId: 'fac-hcm-quan-1' } })
  @ApiZodResponse(201, transferRequestedSchema, {
    name: 'TransferRequested',
    description: 'Asked; waits for the giving side to accept',
    example: { requestId: '01936f41-9d2c-7a10-b3e4-6f7a8b9c0d1e' },
  })
  @ApiIdParam('subjectId', 'subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiErrors({
    403: ['out_of_scope'],
    404: ['subject_not_found'],
    409: ['subject_merged', 'transfer_already_pending'],
    422: ['transfer_to_managing_facility'],
  })
  request(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId', PathId('subject')) subjectId: string,
    @Body() body: unknown,
  ) {
    return this.handler.execute(principal, origin, subjectId, body);
  }
}
