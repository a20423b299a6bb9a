import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { transferAcceptedSchema } from './accept-transfer.answer';
import { AcceptTransferHandler } from './accept-transfer.handler';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class AcceptTransferController {
  constructor(@Inject(AcceptTransferHandler) private readonly handler: AcceptTransferHandler) {}

  @Post(':subjectId/transfer-requests/:requestId/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept a transfer of management',
    description:
      'Only by the giving side: the managing facility (subject_management or its facility admin) when it did not ask itself, the province admin of the managing facility’s province, or the national admin. The receiving facility and its province admin are refused (403 out_of_scope) and nothing changes. The subject history shows the transfer and who accepted it.',
  })
  @ApiZodResponse(200, transferAcceptedSchema, {
    name: 'TransferAccepted',
    description: 'Accepted: the receiving facility manages the subject',
    example: { subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a', managingFacilityId: 'fac-hcm-quan-1' },
  })
  @ApiIdParam('subjectId', 'subject', '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a')
  @ApiIdParam('requestId', 'transfer request', '01937a10-2b3c-7d4e-8f5a-6b7c8d9e0f1a')
  @ApiErrors({
    400: ['validation_failed'],
    403: ['out_of_scope'],
    404: ['subject_not_found', 'transfer_request_not_found'],
    409: ['subject_merged'],
  })
  accept(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId', PathId('subject')) subjectId: string,
    @Param('requestId', PathId('transfer request')) requestId: string,
  ) {
    return this.handler.execute(principal, origin, subjectId, requestId);
  }
}
