import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListVaccinesHandler } from './list-vaccines.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/vaccines')
export class ListVaccinesController {
  constructor(@Inject(ListVaccinesHandler) private readonly handler: ListVaccinesHandler) {}

  @Get()
  @ApiOperation({ summary: 'The vaccine catalogue: products, primary series, intervals, boosters and allowed ages' })
  @ApiResponse({ status: 200, description: '{ version, publishedOn, items: [product] }' })
  list(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin);
  }
}
