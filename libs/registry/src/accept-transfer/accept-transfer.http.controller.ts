import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
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
  @ApiResponse({ status: 403, description: 'out_of_scope: the caller is not on the giving side of this transfer' })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { subjectId: { type: 'string' }, managingFacilityId: { type: 'string' } } },
  })
  @ApiResponse({ status: 404, description: 'transfer_request_not_found' })
  accept(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId') subjectId: string,
    @Param('requestId') requestId: string,
  ) {
    return this.handler.execute(principal, origin, subjectId, requestId);
  }
}
