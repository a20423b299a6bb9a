import { type DynamicModule, Module } from '@nestjs/common';
import { authProviders, tokenVerificationKeys } from '@vaxledger/auth';
import {
  EVENT_PIPELINE,
  EventPipeline,
  EventPipelineLifecycle,
  infrastructureProviders,
  type ServiceInfrastructure,
} from '@vaxledger/runtime';
import { ActivateAccountController } from './activate-account/activate-account.http.controller';
import { ActivateAccountHandler } from './activate-account/activate-account.handler';
import { AdministerAccountHandler } from './administer-account/administer-account.handler';
import { AdministerAccountController } from './administer-account/administer-account.http.controller';
import { AppointAdministratorHandler } from './appoint-administrator/appoint-administrator.handler';
import { AppointAdministratorController } from './appoint-administrator/appoint-administrator.http.controller';
import { ApproveAccountRequestHandler } from './approve-account-request/approve-account-request.handler';
import { ApproveAccountRequestController } from './approve-account-request/approve-account-request.http.controller';
import { ConfirmTotpHandler } from './confirm-totp/confirm-totp.handler';
import { ConfirmTotpController } from './confirm-totp/confirm-totp.http.controller';
import { CreateOversightAccountHandler } from './create-oversight-account/create-oversight-account.handler';
import { CreateOversightAccountController } from './create-oversight-account/create-oversight-account.http.controller';
import { createIdentityServices, type IdentityServices } from './identity.composition';
import { ListAccountRequestsHandler } from './list-account-requests/list-account-requests.handler';
import { ListAccountRequestsController } from './list-account-requests/list-account-requests.http.controller';
import { ListAccountsHandler } from './list-accounts/list-accounts.handler';
import { ListAccountsController } from './list-accounts/list-accounts.http.controller';
import { ListFacilitiesHandler } from './list-facilities/list-facilities.handler';
import { ListFacilitiesController } from './list-facilities/list-facilities.http.controller';
import { LoginController } from './login/login.http.controller';
import { LoginHandler } from './login/login.handler';
import { LoginHistoryHandler } from './login-history/login-history.handler';
import { LoginHistoryController } from './login-history/login-history.http.controller';
import { VerifyOtpHandler } from './verify-otp/verify-otp.handler';
import { VerifyOtpController } from './verify-otp/verify-otp.http.controller';
import { LogoutHandler } from './logout/logout.handler';
import { LogoutController } from './logout/logout.http.controller';
import { OwnSessionsHandler } from './own-sessions/own-sessions.handler';
import { OwnSessionsController } from './own-sessions/own-sessions.http.controller';
import { RefreshSessionHandler } from './refresh-session/refresh-session.handler';
import { RefreshSessionController } from './refresh-session/refresh-session.http.controller';
import { RegisterFacilityHandler } from './register-facility/register-facility.handler';
import { RegisterFacilityController } from './register-facility/register-facility.http.controller';
import { RejectAccountRequestHandler } from './reject-account-request/reject-account-request.handler';
import { RejectAccountRequestController } from './reject-account-request/reject-account-request.http.controller';
import { StepUpHandler } from './step-up/step-up.handler';
import { StepUpController } from './step-up/step-up.http.controller';
import { SubmitAccountRequestHandler } from './submit-account-request/submit-account-request.handler';
import { SubmitAccountRequestController } from './submit-account-request/submit-account-request.http.controller';

export const IDENTITY_SERVICES = Symbol('IDENTITY_SERVICES');

/** Each handler is provided under its class, taken from the one composed set. */
const handlerProviders: Array<[new (...args: never[]) => unknown, keyof IdentityServices]> = [
  [LoginHandler, 'login'],
  [VerifyOtpHandler, 'verifyOtp'],
  [RefreshSessionHandler, 'refreshSession'],
  [LogoutHandler, 'logout'],
  [OwnSessionsHandler, 'ownSessions'],
  [StepUpHandler, 'stepUp'],
  [ActivateAccountHandler, 'activateAccount'],
  [ConfirmTotpHandler, 'confirmTotp'],
  [LoginHistoryHandler, 'loginHistory'],
  [RegisterFacilityHandler, 'registerFacility'],
  [ListFacilitiesHandler, 'listFacilities'],
  [SubmitAccountRequestHandler, 'submitAccountRequest'],
  [ListAccountRequestsHandler, 'listAccountRequests'],
  [ApproveAccountRequestHandler, 'approveAccountRequest'],
  [RejectAccountRequestHandler, 'rejectAccountRequest'],
  [AppointAdministratorHandler, 'appointAdministrator'],
  [CreateOversightAccountHandler, 'createOversightAccount'],
  [ListAccountsHandler, 'listAccounts'],
  [AdministerAccountHandler, 'administerAccount'],
];

/** The identity service: wired the same way in its own process (distributed) and in the standalone process. */
@Module({})
export class IdentityModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    // Composed here, at start-up: a bad setting or a missing key stops the process with its name.
    const services = createIdentityServices(infra);
    return {
      module: IdentityModule,
      controllers: [
        LoginController,
        VerifyOtpController,
        RefreshSessionController,
        LogoutController,
        OwnSessionsController,
        StepUpController,
        ActivateAccountController,
        ConfirmTotpController,
        LoginHistoryController,
        RegisterFacilityController,
        ListFacilitiesController,
        SubmitAccountRequestController,
        ListAccountRequestsController,
        ApproveAccountRequestController,
        RejectAccountRequestController,
        AppointAdministratorController,
        CreateOversightAccountController,
        ListAccountsController,
        AdministerAccountController,
      ],
      providers: [
        ...infrastructureProviders(infra),
        ...authProviders(tokenVerificationKeys(infra.keys), infra.kv),
        { provide: IDENTITY_SERVICES, useValue: services },
        ...handlerProviders.map(([handler, key]) => ({
          provide: handler,
          useFactory: (composed: IdentityServices) => composed[key],
          inject: [IDENTITY_SERVICES],
        })),
        {
          provide: EVENT_PIPELINE,
          useFactory: (composed: IdentityServices) => new EventPipeline(infra, composed.pipeline),
          inject: [IDENTITY_SERVICES],
        },
        EventPipelineLifecycle,
      ],
    };
  }
}
