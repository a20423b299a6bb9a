import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { SearchSubjectsHandler } from './search-subjects.handler';
import { searchResultExample, searchResultSchema, searchSubjectsExample, searchSubjectsSchema } from './search-subjects.query';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/subjects')
@UseGuards(AccessTokenGuard)
export class SearchSubjectsController {
  constructor(@Inject(SearchSubjectsHandler) private readonly handler: SearchSubjectsHandler) {}

  @Post('search')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Search subjects by full name + phone, or full name + ID number (audited, rate-limited)',
    description:
      'Names match exactly but case-, spacing- and diacritics-insensitively. Any other combination of fields is refused (400 search_criteria_invalid). Over the search quota: 429 rate_limited (Retry-After header, details.retryAfterSeconds). Results are masked. Every search is recorded (action subject.search). Scope: facility accounts and the national admin search nationwide; a province admin finds only subjects managed in its own province.',
  })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Why the search is made; kept in the access record' })
  @ApiZodBody(searchSubjectsSchema, {
    name: 'SearchSubjectsRequest',
    description: 'Exactly full name + phone, or full name + ID document number',
    example: searchSubjectsExample,
  })
  @ApiZodResponse(200, searchResultSchema, { name: 'SubjectSearchResult', description: 'Masked hits', example: searchResultExample })
  @ApiErrors({ 400: ['search_criteria_invalid'], 403: ['out_of_scope'], 429: ['rate_limited'] })
  search(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Body() body: unknown) {
    return this.handler.execute(principal, origin, body);
  }
}
