import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { requestTransferOpenApi } from './request-transfer.command';
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
  @ApiBody({ schema: requestTransferOpenApi })
  @ApiResponse({ status: 201, schema: { type: 'object', properties: { requestId: { type: 'string' } } } })
  @ApiResponse({ status: 409, description: 'transfer_already_pending' })
  @ApiResponse({ status: 422, description: 'transfer_to_managing_facility' })
  request(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('subjectId') subjectId: string,
    @Body() body: unknown,
  ) {
    return this.handler.execute(principal, origin, subjectId, body);
  }
}
