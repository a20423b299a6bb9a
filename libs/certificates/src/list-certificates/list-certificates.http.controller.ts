import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { certificateListItemExample } from '../certificate-answers';
import { subjectIdExample } from '../path-ids';
import { certificateListAnswer } from './list-certificates.answer';
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
    description: 'Readers of the immunization record (facility accounts, province admins for residents, national); 403 out_of_scope for anyone else, 404 subject_not_found. Audited.',
  })
  @ApiIdParam('id', 'subject', subjectIdExample)
  @ApiZodResponse(200, certificateListAnswer, {
    name: 'CertificateList',
    description: 'The certificates, newest first',
    example: {
      items: [
        { ...certificateListItemExample, replaces: ['01937b18-2c4d-7e6f-8a9b-0c1d2e3f4a5b'] },
        {
          ...certificateListItemExample,
          certificateId: '01937b18-2c4d-7e6f-8a9b-0c1d2e3f4a5b',
          uvci: 'URN:UVCI:01:VN:MOH/7HN2CX4R8W1M6P3T9V5K0Z2Q#L',
          status: 'revoked',
          issuedAt: '2026-11-20T02:40:00.000Z',
          expiresAt: '2027-11-20T02:40:00.000Z',
          revokedAt: '2026-12-04T08:15:00.000Z',
          revocationReason: 'statement_changed',
        },
      ],
    },
  })
  @ApiErrors({ 400: ['validation_failed'], 403: ['out_of_scope'], 404: ['subject_not_found'] })
  list(@Param('id', PathId('subject')) id: string, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
