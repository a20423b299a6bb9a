import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { facilityListAnswer } from './list-facilities.answer';
import { ListFacilitiesHandler } from './list-facilities.handler';
import { listFacilitiesQuerySchema } from './list-facilities.query';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/facilities')
export class ListFacilitiesController {
  constructor(@Inject(ListFacilitiesHandler) private readonly handler: ListFacilitiesHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Lists facilities, optionally of one province',
    description:
      'Without provinceCode, a caller bound to a province gets its own province; 403 out_of_scope (recorded as an access denial) for another province.',
  })
  @ApiZodQuery(listFacilitiesQuerySchema, { provinceCode: '01' })
  @ApiZodResponse(200, facilityListAnswer, {
    name: 'FacilityList',
    description: 'The facilities, ordered by province and code',
    example: {
      items: [
        {
          id: '0193a1e8-2b4d-7a9c-9e1f-7c5b3a2d8e60',
          code: 'HN-BD-001',
          name: 'Trạm Y tế phường Điện Biên',
          provinceCode: '01',
          districtCode: '001',
          registeredAt: '2026-02-20T01:30:00.000Z',
        },
        {
          id: '0193a1e8-6d0f-7b2e-8c4a-2f1e0d9c8b7a',
          code: 'HN-HK-002',
          name: 'Trạm Y tế phường Hàng Bạc',
          provinceCode: '01',
          districtCode: '002',
          registeredAt: '2026-02-21T02:10:00.000Z',
        },
      ],
    },
  })
  @ApiErrors({ 403: ['out_of_scope'] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
