import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { DomainError } from '@vaxledger/kernel';
import { ApiErrors, ApiZodBody, ApiZodResponse, parseInput } from '@vaxledger/runtime';
import { certificateListItemExample } from '../certificate-answers';
import {
  citizenChallengeAnswer,
  citizenLookupSchema,
  citizenRecordAnswer,
  citizenTokenAnswer,
  citizenVerifySchema,
} from './citizen-lookup.command';
import { CitizenLookupHandler } from './citizen-lookup.handler';
import { CitizenRecordHandler } from './citizen-record.handler';
import { CitizenTokens } from './citizen-tokens';
import { CitizenVerifyHandler } from './citizen-verify.handler';

@ApiTags('citizen')
@Controller('api/v1/citizen')
export class CitizenHttpController {
  constructor(
    private readonly lookup: CitizenLookupHandler,
    private readonly verifyCode: CitizenVerifyHandler,
    private readonly record: CitizenRecordHandler,
    private readonly tokens: CitizenTokens,
  ) {}

  @Post('lookup')
  @HttpCode(202)
  @ApiOperation({
    summary: 'A citizen asks for their own record (full name + ID number); a code goes to the phone of record',
    description:
      'Always 202 {challengeId, phoneHint}, whether or not the person exists (the hint depends on the ID number only). The code is sent (purpose citizen_otp) only when name and number match. 429 rate_limited per address and per ID number. Audited.',
  })
  @ApiZodBody(citizenLookupSchema, { name: 'CitizenLookupRequest', example: { fullName: 'Nguyễn Thị Thu Hà', idNumber: '079190001234' } })
  @ApiZodResponse(202, citizenChallengeAnswer, {
    name: 'CitizenChallenge',
    description: 'A challenge; the code went to the phone of record if name and number match',
    example: { challengeId: '3f2b8c1e-6d4a-4e9b-a7c5-1d0e9f8b2a63', phoneHint: '+84 ••• ••• •42' },
  })
  @ApiErrors({ 400: ['validation_failed'], 429: ['rate_limited'] })
  lookUp(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.lookup.execute(origin, parseInput(citizenLookupSchema, body));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade the code for a short-lived citizen token (reads only that person\'s record)', description: '401 invalid_code for a wrong code, an unknown, expired or used challenge, and a look-up that matched nobody; at most 5 wrong codes per challenge.' })
  @ApiZodBody(citizenVerifySchema, { name: 'CitizenVerifyRequest', example: { challengeId: '3f2b8c1e-6d4a-4e9b-a7c5-1d0e9f8b2a63', code: '482915' } })
  @ApiZodResponse(200, citizenTokenAnswer, {
    name: 'CitizenToken',
    description: 'The code was right',
    example: {
      citizenToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMTkzNmYzZS03YzFhLTdiMmUtOWE0ZC01ZjZlN2Q4YzliMGEifQ.q3Jx8vC1mRk2S0a9bW4nE7tYfH5uL6dP0oZiXcVgA1M',
      expiresIn: 900,
    },
  })
  @ApiErrors({ 400: ['validation_failed'], 401: ['invalid_code'] })
  verify(@Body() body: unknown) {
    return this.verifyCode.execute(parseInput(citizenVerifySchema, body));
  }

  @Get('record')
  @ApiBearerAuth('citizen')
  @ApiOperation({ summary: "The citizen's own doses and certificates (bearer citizen token)", description: '401 citizen_token_invalid for a missing, expired or forged token, and for a record merged since the token was issued. Audited.' })
  @ApiZodResponse(200, citizenRecordAnswer, {
    name: 'CitizenRecord',
    description: "The citizen's own record",
    example: {
      fullName: 'Nguyễn Thị Thu Hà',
      dateOfBirth: '1990-05-17',
      doses: [
        { doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30', vaccineCode: 'COMIRNATY', vaccineName: 'Comirnaty (BNT162b2 mRNA, 30 µg)', doseNumber: 1, date: '2021-08-02', status: 'completed' },
        { doseId: '0191a2c4-5b73-7d19-a6e0-9f2b3c7d6e41', vaccineCode: 'COMIRNATY', vaccineName: 'Comirnaty (BNT162b2 mRNA, 30 µg)', doseNumber: 2, date: '2021-08-30', status: 'completed' },
      ],
      certificates: [certificateListItemExample],
    },
  })
  @ApiErrors({ 401: ['citizen_token_invalid'] })
  async ownRecord(@Headers('authorization') authorization: string | undefined, @CurrentOrigin() origin: RequestOrigin) {
    const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match) throw new DomainError('unauthenticated', 'citizen_token_invalid', 'A citizen token is required.');
    const { subjectId } = await this.tokens.verify(match[1]);
    return this.record.execute(origin, subjectId);
  }
}
