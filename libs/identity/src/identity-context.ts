/**
 * Everything the identity use cases work with, built once per module from the service infrastructure.
 * Handlers take this as a plain parameter; no handler reaches for a global.
 */
import { RevocationList } from '@vaxledger/auth';
import type { Clock, EventBus, KeyValueStore, MessageDelivery } from '@vaxledger/kernel';
import { type Logger, requirePurposeKey, type ServiceInfrastructure } from '@vaxledger/runtime';
import type { KeyObject } from 'node:crypto';
import { HashingSlots } from './credentials/hashing-slots';
import { PasswordHasher } from './credentials/password-hasher';
import { SecretSealer } from './credentials/secret-sealing';
import type { LockoutPolicy } from './domain/lockout-policy';
import { type IdentitySettings, identitySettings } from './identity-settings';
import { IdentityWriteModel } from './identity-write-model';
import { LoginThrottle } from './login/login-throttle';
import { ConsecutiveFailures } from './otp/failure-counter';
import { OtpChallenges } from './otp/otp-challenges';
import { TotpReplayGuard } from './otp/totp-replay-guard';
import { IdentityViews } from './read-models/identity-views';
import { AccessDenials } from './scope/access-denials';
import { StaffDataAccessLog } from './scope/staff-data-access';
import { RefreshSessions } from './sessions/refresh-sessions';

export interface IdentityContext {
  settings: IdentitySettings;
  write: IdentityWriteModel;
  views: IdentityViews;
  /** Reads the infrastructure's clock on every call, so a test can move time for a running app. */
  clock: Clock;
  kv: KeyValueStore;
  bus: EventBus;
  delivery: MessageDelivery;
  logger: Logger;
  hasher: PasswordHasher;
  sealer: SecretSealer;
  /** The root secret: seals authenticator secrets (under its own HKDF-derived key). */
  lookupKey: Buffer;
  /** Identity's purpose keys: usernames (reservation streams, keyed usernames) and delivered codes. */
  keys: { usernames: Buffer; deliveredCodes: Buffer };
  signingKey: KeyObject;
  challenges: OtpChallenges;
  failures: ConsecutiveFailures;
  replayGuard: TotpReplayGuard;
  sessions: RefreshSessions;
  revocations: RevocationList;
  denials: AccessDenials;
  staffDataAccess: StaffDataAccessLog;
  lockout: LockoutPolicy;
  loginThrottle: LoginThrottle;
}

export const IDENTITY_CONTEXT = Symbol('IDENTITY_CONTEXT');

export function createIdentityContext(infra: ServiceInfrastructure): IdentityContext {
  const settings = identitySettings(infra.settings);
  const signingKey = infra.keys.tokenPrivateKey;
  if (!signingKey) throw new Error('identity needs the token signing key (JWT_PRIVATE_KEY)');
  const clock: Clock = { now: () => infra.clock.now() };
  const usernames = requirePurposeKey(infra.keys.purposeKeys, 'usernames');
  const logger = infra.logger.child({ module: 'identity' });
  return {
    settings,
    write: new IdentityWriteModel(infra.eventStore, usernames),
    views: new IdentityViews(infra.readModels),
    clock,
    kv: infra.kv,
    bus: infra.bus,
    delivery: infra.delivery,
    logger,
    hasher: new PasswordHasher(
      { memoryCost: settings.IDENTITY_ARGON2_MEMORY_KIB, timeCost: settings.IDENTITY_ARGON2_PASSES, parallelism: 1 },
      new HashingSlots(settings.IDENTITY_PASSWORD_HASH_CONCURRENCY, settings.IDENTITY_PASSWORD_HASH_QUEUE),
    ),
    sealer: new SecretSealer(infra.keys.lookupKey),
    lookupKey: infra.keys.lookupKey,
    keys: { usernames, deliveredCodes: requirePurposeKey(infra.keys.purposeKeys, 'deliveredCodes') },
    signingKey,
    challenges: new OtpChallenges(infra.kv),
    failures: new ConsecutiveFailures(infra.kv),
    replayGuard: new TotpReplayGuard(infra.kv),
    sessions: new RefreshSessions(infra.kv, {
      idleMs: settings.IDENTITY_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: settings.IDENTITY_SESSION_ABSOLUTE_HOURS * 3600_000,
    }),
    revocations: new RevocationList(infra.kv),
    denials: new AccessDenials(infra.bus, clock, logger),
    staffDataAccess: new StaffDataAccessLog(infra.eventStore),
    lockout: {
      baseLockMs: settings.IDENTITY_LOCK_BASE_MINUTES * 60_000,
      maxLockMs: settings.IDENTITY_LOCK_MAX_HOURS * 3600_000,
    },
    loginThrottle: new LoginThrottle(infra.kv, {
      addressBucket: { capacity: settings.IDENTITY_LOGIN_ADDRESS_BURST, refillIntervalMs: 60_000 / settings.IDENTITY_LOGIN_ADDRESS_PER_MINUTE },
      usernameBucket: { capacity: settings.IDENTITY_LOGIN_USERNAME_BURST, refillIntervalMs: 60_000 / settings.IDENTITY_LOGIN_USERNAME_PER_MINUTE },
      freeFailures: settings.IDENTITY_PASSWORD_FREE_FAILURES,
      delayBaseMs: settings.IDENTITY_PASSWORD_DELAY_BASE_SECONDS * 1000,
      delayMaxMs: settings.IDENTITY_PASSWORD_DELAY_MAX_SECONDS * 1000,
    }),
  };
}
