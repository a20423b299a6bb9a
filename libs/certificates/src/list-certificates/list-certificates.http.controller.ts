import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { certificateListItemSchema } from '../certificate-answers';
import { parseId } from '../certificate-ids';
import { ListCertificatesHandler } from './list-certificates.handler';

@ApiTags('certificates')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/certificates')
export class ListCertificatesHttpController {
  constructor(private readonly handler: ListCertificatesHandler) {}

  @Get()
  @ApiOperation({
    summary: "A subject's certificates, valid and revoked, newest first",
    description: 'Readers of the immunization record (facility accounts, province admins for residents, national). Audited.',
  })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { items: { type: 'array', items: certificateListItemSchema } } } })
  list(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id));
  }
}
