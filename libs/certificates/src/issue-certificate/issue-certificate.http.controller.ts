import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, parseInput, PathId } from '@vaxledger/runtime';
import { certificateListItemExample } from '../certificate-answers';
import { subjectIdExample } from '../path-ids';
import { issueCertificateSchema, issuedCertificateAnswer } from './issue-certificate.command';
import { IssueCertificateHandler } from './issue-certificate.handler';

@ApiTags('certificates')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/certificates')
export class IssueCertificateHttpController {
  constructor(private readonly handler: IssueCertificateHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue an EU DCC (HCERT 1.3, ES256) for the latest completed COVID-19 dose',
    description:
      'Facility staff and facility admins. The certificate states the holder\'s name (with its ICAO 9303 transliteration), birth date and latest COVID-19 dose; issuance is an event and an audit entry. 422 nothing_to_certify when no completed COVID-19 dose (or only doses of revoked lots) is on record; 422 subject_merged for a merged-away id; 404 subject_not_found; 403 out_of_scope for accounts other than facility staff and facility admins. The body may be left out; when sent it is an empty object.',
  })
  @ApiIdParam('id', 'subject', subjectIdExample)
  @ApiZodBody(issueCertificateSchema, { name: 'IssueCertificateRequest', required: false, example: {} })
  @ApiZodResponse(201, issuedCertificateAnswer, {
    name: 'IssuedCertificate',
    description: 'Issued',
    example: {
      certificateId: certificateListItemExample.certificateId,
      uvci: certificateListItemExample.uvci,
      hc1: certificateListItemExample.hc1,
      qrPng: 'iVBORw0KGgoAAAANSUhEUgAAAZAAAAGQAQAAAACoxAthAAAC',
      issuedAt: certificateListItemExample.issuedAt,
      expiresAt: certificateListItemExample.expiresAt,
    },
  })
  @ApiErrors({
    400: ['validation_failed'],
    403: ['out_of_scope'],
    404: ['subject_not_found'],
    409: ['certificate_already_issued', 'CONCURRENCY_CONFLICT'],
    422: ['nothing_to_certify', 'subject_merged'],
  })
  issue(@Param('id', PathId('subject')) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id, parseInput(issueCertificateSchema, body));
  }
}
