/**
 * Builds the identity service's collaborators from the service infrastructure, once per process. The Nest
 * module hands the handlers to controllers. Every handler gets what it uses, by name, in its constructor.
 */
import { AccessDenials, RevocationConsumer, RevocationList } from '@vaxledger/auth';
import type { Clock } from '@vaxledger/kernel';
import { type EventPipelineDefinition, requirePurposeKey, type ServiceInfrastructure } from '@vaxledger/runtime';
import { HashingSlots } from './credentials/hashing-slots';
import { PasswordHasher } from './credentials/password-hasher';
import { SecretSealer } from './credentials/secret-sealing';
import type { LockoutPolicy } from './domain/lockout-policy';
import { AccountGranting } from './granting/grant-account';
import { identitySettings } from './identity-settings';
import { IdentityWriteModel } from './identity-write-model';
import { identityIntegration } from './integration/identity.integration';
import { LoginThrottle } from './login/login-throttle';
import { ConsecutiveFailures } from './otp/failure-counter';
import { OtpChallenges } from './otp/otp-challenges';
import { TotpReplayGuard } from './otp/totp-replay-guard';
import { identityProjectionsFor } from './read-models/identity-projections';
import { IdentityViews } from './read-models/identity-views';
import { AdministeredAccounts } from './scope/administered-accounts';
import { StaffDataAccessLog } from './scope/staff-data-access';
import { AccountRevocation } from './sessions/account-revocation';
import { RefreshSessions } from './sessions/refresh-sessions';
import { ChallengeVerification } from './sign-in/challenge-verification';
import { AccountLocker } from './sign-in/failed-steps';
import { SecondFactor } from './sign-in/second-factor';
import { SessionTokens } from './sign-in/session-tokens';
import { SignInJournal } from './sign-in/sign-in-journal';
import { ActivateAccountHandler } from './activate-account/activate-account.handler';
import { AppointFacilityAdminHandler } from './appoint-facility-admin/appoint-facility-admin.handler';
import { AppointProvinceAdminHandler } from './appoint-province-admin/appoint-province-admin.handler';
import { ApproveAccountRequestHandler } from './approve-account-request/approve-account-request.handler';
import { ConfirmTotpHandler } from './confirm-totp/confirm-totp.handler';
import { CreateOversightAccountHandler } from './create-oversight-account/create-oversight-account.handler';
import { EndOwnSessionHandler } from './end-own-session/end-own-session.handler';
import { GetAccountHandler } from './get-account/get-account.handler';
import { GetAccountRequestHandler } from './get-account-request/get-account-request.handler';
import { ListAccountRequestsHandler } from './list-account-requests/list-account-requests.handler';
import { ListAccountsHandler } from './list-accounts/list-accounts.handler';
import { ListFacilitiesHandler } from './list-facilities/list-facilities.handler';
import { ListOwnSessionsHandler } from './list-own-sessions/list-own-sessions.handler';
import { LoginHandler } from './login/login.handler';
import { LoginHistoryHandler } from './login-history/login-history.handler';
import { LogoutHandler } from './logout/logout.handler';
import { RedeemPasswordResetHandler } from './redeem-password-reset/redeem-password-reset.handler';
import { RefreshSessionHandler } from './refresh-session/refresh-session.handler';
import { RegisterFacilityHandler } from './register-facility/register-facility.handler';
import { ReinstateAccountHandler } from './reinstate-account/reinstate-account.handler';
import { RejectAccountRequestHandler } from './reject-account-request/reject-account-request.handler';
import { ResetPasswordHandler } from './reset-password/reset-password.handler';
import { ReviewAccountHandler } from './review-account/review-account.handler';
import { StartStepUpHandler } from './start-step-up/start-step-up.handler';
import { SubmitAccountRequestHandler } from './submit-account-request/submit-account-request.handler';
import { SuspendAccountHandler } from './suspend-account/suspend-account.handler';
import { UnlockAccountHandler } from './unlock-account/unlock-account.handler';
import { VerifyOtpHandler } from './verify-otp/verify-otp.handler';
import { VerifyStepUpHandler } from './verify-step-up/verify-step-up.handler';

export interface IdentityServices {
  pipeline: EventPipelineDefinition;
  login: LoginHandler;
  verifyOtp: VerifyOtpHandler;
  refreshSession: RefreshSessionHandler;
  logout: LogoutHandler;
  listOwnSessions: ListOwnSessionsHandler;
  endOwnSession: EndOwnSessionHandler;
  startStepUp: StartStepUpHandler;
  verifyStepUp: VerifyStepUpHandler;
  activateAccount: ActivateAccountHandler;
  confirmTotp: ConfirmTotpHandler;
  loginHistory: LoginHistoryHandler;
  registerFacility: RegisterFacilityHandler;
  listFacilities: ListFacilitiesHandler;
  submitAccountRequest: SubmitAccountRequestHandler;
  listAccountRequests: ListAccountRequestsHandler;
  getAccountRequest: GetAccountRequestHandler;
  approveAccountRequest: ApproveAccountRequestHandler;
  rejectAccountRequest: RejectAccountRequestHandler;
  appointProvinceAdmin: AppointProvinceAdminHandler;
  appointFacilityAdmin: AppointFacilityAdminHandler;
  createOversightAccount: CreateOversightAccountHandler;
  listAccounts: ListAccountsHandler;
  getAccount: GetAccountHandler;
  suspendAccount: SuspendAccountHandler;
  reinstateAccount: ReinstateAccountHandler;
  unlockAccount: UnlockAccountHandler;
  reviewAccount: ReviewAccountHandler;
  resetPassword: ResetPasswordHandler;
  redeemPasswordReset: RedeemPasswordResetHandler;
}

export function createIdentityServices(infra: ServiceInfrastructure): IdentityServices {
  // Validated here, at start-up: a bad value stops the process with the variable's name.
  const settings = identitySettings(infra.settings);
  const signingKey = infra.keys.tokenPrivateKey;
  if (!signingKey) throw new Error('identity needs the token signing key (JWT_PRIVATE_KEY)');
  // Reads the infrastructure's clock on every call, so a test can move time for a running app.
  const clock: Clock = { now: () => infra.clock.now() };
  const { kv, delivery } = infra;
  const logger = infra.logger.child({ module: 'identity' });
  // Identity's purpose keys: usernames (reservation streams, keyed usernames) and delivered codes.
  const usernamesKey = requirePurposeKey(infra.keys.purposeKeys, 'usernames');
  const deliveredCodesKey = requirePurposeKey(infra.keys.purposeKeys, 'deliveredCodes');
  const write = new IdentityWriteModel(infra.eventStore, usernamesKey);
  const views = new IdentityViews(infra.readModels);
  const hasher = new PasswordHasher(
    { memoryCost: settings.IDENTITY_ARGON2_MEMORY_KIB, timeCost: settings.IDENTITY_ARGON2_PASSES, parallelism: 1 },
    new HashingSlots(settings.IDENTITY_PASSWORD_HASH_CONCURRENCY, settings.IDENTITY_PASSWORD_HASH_QUEUE),
  );
  // The root secret seals authenticator secrets (under its own HKDF-derived key).
  const sealer = new SecretSealer(infra.keys.lookupKey);
  const challenges = new OtpChallenges(kv);
  const failures = new ConsecutiveFailures(kv);
  const replayGuard = new TotpReplayGuard(kv);
  const sessions = new RefreshSessions(kv, {
    idleMs: settings.IDENTITY_SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: settings.IDENTITY_SESSION_ABSOLUTE_HOURS * 3600_000,
  });
  const revocations = new RevocationList(kv);
  const denials = new AccessDenials(infra.bus, clock, logger, 'identity');
  const staffDataAccess = new StaffDataAccessLog(infra.eventStore);
  const lockout: LockoutPolicy = {
    baseLockMs: settings.IDENTITY_LOCK_BASE_MINUTES * 60_000,
    maxLockMs: settings.IDENTITY_LOCK_MAX_HOURS * 3600_000,
  };
  const loginThrottle = new LoginThrottle(kv, {
    addressBucket: { capacity: settings.IDENTITY_LOGIN_ADDRESS_BURST, refillIntervalMs: 60_000 / settings.IDENTITY_LOGIN_ADDRESS_PER_MINUTE },
    usernameBucket: { capacity: settings.IDENTITY_LOGIN_USERNAME_BURST, refillIntervalMs: 60_000 / settings.IDENTITY_LOGIN_USERNAME_PER_MINUTE },
    freeFailures: settings.IDENTITY_PASSWORD_FREE_FAILURES,
    delayBaseMs: settings.IDENTITY_PASSWORD_DELAY_BASE_SECONDS * 1000,
    delayMaxMs: settings.IDENTITY_PASSWORD_DELAY_MAX_SECONDS * 1000,
  });
  const journal = new SignInJournal(write, logger);
  const locker = new AccountLocker(write, revocations, lockout, logger);
  const secondFactor = new SecondFactor(challenges, delivery, sealer, replayGuard, deliveredCodesKey);
  const challengeVerification = new ChallengeVerification(
    challenges,
    write,
    failures,
    secondFactor,
    locker,
    journal,
    logger,
    settings.IDENTITY_OTP_FAILURES_BEFORE_LOCK,
    clock,
  );
  const sessionTokens = new SessionTokens(sessions, revocations, write, signingKey, settings.IDENTITY_ACCESS_TOKEN_TTL_SECONDS);
  const granting = new AccountGranting(write, delivery, logger, settings.IDENTITY_ACTIVATION_TTL_HOURS);
  const administered = new AdministeredAccounts(write, denials);
  const accountRevocation = new AccountRevocation(sessions, revocations);
  return {
    pipeline: {
      projections: identityProjectionsFor(views),
      integration: identityIntegration,
      // Logout and suspension take effect here at once, not when the access token expires.
      consumers: [new RevocationConsumer(new RevocationList(kv))],
    },
    login: new LoginHandler(settings, write, kv, logger, hasher, usernamesKey, loginThrottle, journal, locker, secondFactor, clock),
    verifyOtp: new VerifyOtpHandler(challengeVerification, sessionTokens),
    refreshSession: new RefreshSessionHandler(settings, write, logger, sessions, sessionTokens, clock),
    logout: new LogoutHandler(sessionTokens, clock),
    listOwnSessions: new ListOwnSessionsHandler(sessions, clock),
    endOwnSession: new EndOwnSessionHandler(sessions, sessionTokens, clock),
    startStepUp: new StartStepUpHandler(write, secondFactor, clock),
    verifyStepUp: new VerifyStepUpHandler(settings, signingKey, challengeVerification),
    activateAccount: new ActivateAccountHandler(settings, write, hasher, sealer, clock),
    confirmTotp: new ConfirmTotpHandler(settings, write, failures, lockout, locker, secondFactor, clock),
    loginHistory: new LoginHistoryHandler(write, views, usernamesKey, denials),
    registerFacility: new RegisterFacilityHandler(write, denials, clock),
    listFacilities: new ListFacilitiesHandler(views, denials),
    submitAccountRequest: new SubmitAccountRequestHandler(write, denials, clock),
    listAccountRequests: new ListAccountRequestsHandler(views, denials, staffDataAccess, clock),
    getAccountRequest: new GetAccountRequestHandler(views, denials, staffDataAccess, clock),
    approveAccountRequest: new ApproveAccountRequestHandler(write, denials, granting, clock),
    rejectAccountRequest: new RejectAccountRequestHandler(write, denials, clock),
    appointProvinceAdmin: new AppointProvinceAdminHandler(denials, granting, clock),
    appointFacilityAdmin: new AppointFacilityAdminHandler(write, denials, granting, clock),
    createOversightAccount: new CreateOversightAccountHandler(denials, granting, clock),
    listAccounts: new ListAccountsHandler(views, denials, staffDataAccess, clock),
    getAccount: new GetAccountHandler(write, denials, staffDataAccess, clock),
    suspendAccount: new SuspendAccountHandler(write, administered, accountRevocation, clock),
    reinstateAccount: new ReinstateAccountHandler(write, administered, clock),
    unlockAccount: new UnlockAccountHandler(write, administered, failures, loginThrottle, usernamesKey, clock),
    reviewAccount: new ReviewAccountHandler(write, administered, clock),
    resetPassword: new ResetPasswordHandler(
      write,
      administered,
      accountRevocation,
      delivery,
      logger,
      deliveredCodesKey,
      settings.IDENTITY_PASSWORD_RESET_TTL_HOURS,
      clock,
    ),
    redeemPasswordReset: new RedeemPasswordResetHandler(write, hasher, loginThrottle, accountRevocation, usernamesKey, deliveredCodesKey, clock),
  };
}
