import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { SearchSubjectsHandler } from './search-subjects.handler';
import { searchResultOpenApi, searchSubjectsOpenApi } from './search-subjects.query';

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
      'Names match exactly but case-, spacing- and diacritics-insensitively. Any other combination of fields is refused (400). Results are masked. Every search is recorded (action subject.search). Scope: facility accounts and the national admin search nationwide; a province admin finds only subjects managed in its own province.',
  })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Why the search is made; kept in the access record' })
  @ApiBody({ schema: searchSubjectsOpenApi })
  @ApiResponse({ status: 200, schema: searchResultOpenApi })
  @ApiResponse({ status: 400, description: 'search_criteria_invalid' })
  @ApiResponse({ status: 403, description: 'out_of_scope (auditors, reporters)' })
  @ApiResponse({ status: 429, description: 'rate_limited (Retry-After header, details.retryAfterSeconds)' })
  search(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin, @Body() body: unknown) {
    return this.handler.execute(principal, origin, body);
  }
}
