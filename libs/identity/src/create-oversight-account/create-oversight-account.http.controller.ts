import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { CreateOversightAccountHandler } from './create-oversight-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts')
export class CreateOversightAccountController {
  constructor(@Inject(CreateOversightAccountHandler) private readonly handler: CreateOversightAccountHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Creates an auditor or reporter account (national admin; a province admin for its own province)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['fullName', 'gender', 'position', 'email', 'phone', 'username', 'role'],
      properties: {
        fullName: { type: 'string' },
        gender: { type: 'string', enum: ['male', 'female', 'other'] },
        position: { type: 'string' },
        email: { type: 'string', format: 'email' },
        phone: { type: 'string' },
        username: { type: 'string' },
        role: { type: 'string', enum: ['auditor', 'reporter'] },
        provinceCode: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 201, description: '{accountId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
