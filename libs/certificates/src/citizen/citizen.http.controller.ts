import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { DomainError } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { certificateListItemSchema } from '../certificate-answers';
import { citizenLookupBodySchema, citizenLookupSchema, citizenVerifyBodySchema, citizenVerifySchema } from './citizen-lookup.command';
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
  @ApiBody({ schema: citizenLookupBodySchema })
  @ApiResponse({ status: 202, schema: { type: 'object', properties: { challengeId: { type: 'string' }, phoneHint: { type: 'string', example: '+84 ••• ••• •42' } } } })
  lookUp(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.lookup.execute(origin, parseInput(citizenLookupSchema, body));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade the code for a short-lived citizen token (reads only that person\'s record)', description: '401 invalid_code; at most 5 wrong codes per challenge.' })
  @ApiBody({ schema: citizenVerifyBodySchema })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { citizenToken: { type: 'string' }, expiresIn: { type: 'integer' } } } })
  verify(@Body() body: unknown) {
    return this.verifyCode.execute(parseInput(citizenVerifySchema, body));
  }

  @Get('record')
  @ApiBearerAuth('citizen')
  @ApiOperation({ summary: "The citizen's own doses and certificates (bearer citizen token)", description: '401 citizen_token_invalid. Audited.' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        fullName: { type: 'string' },
        dateOfBirth: { type: 'string', format: 'date' },
        doses: { type: 'array', items: { type: 'object' } },
        certificates: { type: 'array', items: certificateListItemSchema },
      },
    },
  })
  async ownRecord(@Headers('authorization') authorization: string | undefined, @CurrentOrigin() origin: RequestOrigin) {
    const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match) throw new DomainError('unauthenticated', 'citizen_token_invalid', 'A citizen token is required.');
    const { subjectId } = await this.tokens.verify(match[1]);
    return this.record.execute(origin, subjectId);
  }
}
