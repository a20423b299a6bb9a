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
import { AppointFacilityAdminController } from './appoint-facility-admin/appoint-facility-admin.http.controller';
import { AppointFacilityAdminHandler } from './appoint-facility-admin/appoint-facility-admin.handler';
import { AppointProvinceAdminController } from './appoint-province-admin/appoint-province-admin.http.controller';
import { AppointProvinceAdminHandler } from './appoint-province-admin/appoint-province-admin.handler';
import { ApproveAccountRequestController } from './approve-account-request/approve-account-request.http.controller';
import { ApproveAccountRequestHandler } from './approve-account-request/approve-account-request.handler';
import { ConfirmTotpController } from './confirm-totp/confirm-totp.http.controller';
import { ConfirmTotpHandler } from './confirm-totp/confirm-totp.handler';
import { CreateOversightAccountController } from './create-oversight-account/create-oversight-account.http.controller';
import { CreateOversightAccountHandler } from './create-oversight-account/create-oversight-account.handler';
import { EndOwnSessionController } from './end-own-session/end-own-session.http.controller';
import { EndOwnSessionHandler } from './end-own-session/end-own-session.handler';
import { GetAccountController } from './get-account/get-account.http.controller';
import { GetAccountHandler } from './get-account/get-account.handler';
import { GetAccountRequestController } from './get-account-request/get-account-request.http.controller';
import { GetAccountRequestHandler } from './get-account-request/get-account-request.handler';
import { ListAccountRequestsController } from './list-account-requests/list-account-requests.http.controller';
import { ListAccountRequestsHandler } from './list-account-requests/list-account-requests.handler';
import { ListAccountsController } from './list-accounts/list-accounts.http.controller';
import { ListAccountsHandler } from './list-accounts/list-accounts.handler';
import { ListFacilitiesController } from './list-facilities/list-facilities.http.controller';
import { ListFacilitiesHandler } from './list-facilities/list-facilities.handler';
import { ListOwnSessionsController } from './list-own-sessions/list-own-sessions.http.controller';
import { ListOwnSessionsHandler } from './list-own-sessions/list-own-sessions.handler';
import { LoginController } from './login/login.http.controller';
import { LoginHandler } from './login/login.handler';
import { LoginHistoryController } from './login-history/login-history.http.controller';
import { LoginHistoryHandler } from './login-history/login-history.handler';
import { LogoutController } from './logout/logout.http.controller';
import { LogoutHandler } from './logout/logout.handler';
import { RedeemPasswordResetController } from './redeem-password-reset/redeem-password-reset.http.controller';
import { RedeemPasswordResetHandler } from './redeem-password-reset/redeem-password-reset.handler';
import { RefreshSessionController } from './refresh-session/refresh-session.http.controller';
import { RefreshSessionHandler } from './refresh-session/refresh-session.handler';
import { RegisterFacilityController } from './register-facility/register-facility.http.controller';
import { RegisterFacilityHandler } from './register-facility/register-facility.handler';
import { ReinstateAccountController } from './reinstate-account/reinstate-account.http.controller';
import { ReinstateAccountHandler } from './reinstate-account/reinstate-account.handler';
import { RejectAccountRequestController } from './reject-account-request/reject-account-request.http.controller';
import { RejectAccountRequestHandler } from './reject-account-request/reject-account-request.handler';
import { ResetPasswordController } from './reset-password/reset-password.http.controller';
import { ResetPasswordHandler } from './reset-password/reset-password.handler';
import { ReviewAccountController } from './review-account/review-account.http.controller';
import { ReviewAccountHandler } from './review-account/review-account.handler';
import { StartStepUpController } from './start-step-up/start-step-up.http.controller';
import { StartStepUpHandler } from './start-step-up/start-step-up.handler';
import { SubmitAccountRequestController } from './submit-account-request/submit-account-request.http.controller';
import { SubmitAccountRequestHandler } from './submit-account-request/submit-account-request.handler';
import { SuspendAccountController } from './suspend-account/suspend-account.http.controller';
import { SuspendAccountHandler } from './suspend-account/suspend-account.handler';
import { UnlockAccountController } from './unlock-account/unlock-account.http.controller';
import { UnlockAccountHandler } from './unlock-account/unlock-account.handler';
import { VerifyOtpController } from './verify-otp/verify-otp.http.controller';
import { VerifyOtpHandler } from './verify-otp/verify-otp.handler';
import { VerifyStepUpController } from './verify-step-up/verify-step-up.http.controller';
import { VerifyStepUpHandler } from './verify-step-up/verify-step-up.handler';
import { createIdentityServices, type IdentityServices } from './identity.composition';

export const IDENTITY_SERVICES = Symbol('IDENTITY_SERVICES');

/** Each handler is provided under its class, taken from the one composed set. */
const handlerProviders: Array<[new (...args: never[]) => unknown, keyof IdentityServices]> = [
  [LoginHandler, 'login'],
  [VerifyOtpHandler, 'verifyOtp'],
  [RefreshSessionHandler, 'refreshSession'],
  [LogoutHandler, 'logout'],
  [ListOwnSessionsHandler, 'listOwnSessions'],
  [EndOwnSessionHandler, 'endOwnSession'],
  [StartStepUpHandler, 'startStepUp'],
  [VerifyStepUpHandler, 'verifyStepUp'],
  [ActivateAccountHandler, 'activateAccount'],
  [ConfirmTotpHandler, 'confirmTotp'],
  [LoginHistoryHandler, 'loginHistory'],
  [RegisterFacilityHandler, 'registerFacility'],
  [ListFacilitiesHandler, 'listFacilities'],
  [SubmitAccountRequestHandler, 'submitAccountRequest'],
  [ListAccountRequestsHandler, 'listAccountRequests'],
  [GetAccountRequestHandler, 'getAccountRequest'],
  [ApproveAccountRequestHandler, 'approveAccountRequest'],
  [RejectAccountRequestHandler, 'rejectAccountRequest'],
  [AppointProvinceAdminHandler, 'appointProvinceAdmin'],
  [AppointFacilityAdminHandler, 'appointFacilityAdmin'],
  [CreateOversightAccountHandler, 'createOversightAccount'],
  [ListAccountsHandler, 'listAccounts'],
  [GetAccountHandler, 'getAccount'],
  [SuspendAccountHandler, 'suspendAccount'],
  [ReinstateAccountHandler, 'reinstateAccount'],
  [UnlockAccountHandler, 'unlockAccount'],
  [ReviewAccountHandler, 'reviewAccount'],
  [ResetPasswordHandler, 'resetPassword'],
  [RedeemPasswordResetHandler, 'redeemPasswordReset'],
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
        ListOwnSessionsController,
        EndOwnSessionController,
        StartStepUpController,
        VerifyStepUpController,
        ActivateAccountController,
        ConfirmTotpController,
        LoginHistoryController,
        RegisterFacilityController,
        ListFacilitiesController,
        SubmitAccountRequestController,
        ListAccountRequestsController,
        GetAccountRequestController,
        ApproveAccountRequestController,
        RejectAccountRequestController,
        AppointProvinceAdminController,
        AppointFacilityAdminController,
        CreateOversightAccountController,
        ListAccountsController,
        GetAccountController,
        SuspendAccountController,
        ReinstateAccountController,
        UnlockAccountController,
        ReviewAccountController,
        ResetPasswordController,
        RedeemPasswordResetController,
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
