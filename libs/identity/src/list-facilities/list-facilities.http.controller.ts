import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListFacilitiesHandler } from './list-facilities.handler';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/facilities')
export class ListFacilitiesController {
  constructor(@Inject(ListFacilitiesHandler) private readonly handler: ListFacilitiesHandler) {}

  @Get()
  @ApiOperation({ summary: 'Lists facilities, optionally of one province' })
  @ApiQuery({ name: 'provinceCode', required: false })
  @ApiResponse({ status: 200, description: '{items:[{id, code, name, provinceCode, districtCode, registeredAt}]}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
