import type { KeyObject } from 'node:crypto';
import { DomainError } from '@vaxledger/kernel';
import { jwtVerify, SignJWT } from 'jose';
import { accessAudience, type AccessTokenClaims, type Principal, stepUpAudience, tokenIssuer } from './principal';
import { keyIdOf, TokenVerificationKeys } from './token-keys';

/** Verifiers take the key set (or one key, which becomes a set of one). */
export type VerificationKeys = KeyObject | TokenVerificationKeys;

/** Resolves the key of a token by its `kid` header; an unknown kid is refused before any signature check. */
function keyResolver(keys: VerificationKeys) {
  const set = TokenVerificationKeys.of(keys);
  return (header: { kid?: string }) => {
    const key = set.keyFor(header.kid);
    if (!key) throw new Error('unknown token key id');
    return key;
  };
}

const unauthenticated = (message: string) => new DomainError('unauthenticated', 'unauthenticated', message);

export async function signAccessToken(principal: Principal, privateKey: KeyObject, ttlSeconds: number, now: Date): Promise<string> {
  const claims: Omit<AccessTokenClaims, 'sub'> = {
    role: principal.role,
    rights: principal.rights,
    fac: principal.facilityId,
    prov: principal.provinceCode,
    sid: principal.sessionId,
  };
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keyIdOf(privateKey) })
    .setSubject(principal.accountId)
    .setIssuer(tokenIssuer)
    .setAudience(accessAudience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(privateKey);
}

/** Verifies signature, issuer, audience and expiry; returns the principal or throws 401. */
export async function verifyAccessToken(token: string, publicKey: VerificationKeys, now: Date = new Date()): Promise<Principal> {
  return (await verifyAccessTokenClaims(token, publicKey, now)).principal;
}

export interface VerifiedAccessToken {
  principal: Principal;
  /** `iat` in epoch ms (whole seconds): revocation compares it with an account's "not valid before" instant. */
  issuedAtMs: number;
  expiresAtMs: number;
}

async function verifyAccessTokenClaims(token: string, publicKey: VerificationKeys, now: Date): Promise<VerifiedAccessToken> {
  try {
    const { payload } = await jwtVerify(token, keyResolver(publicKey), {
      issuer: tokenIssuer,
      audience: accessAudience,
      algorithms: ['EdDSA'],
      currentDate: now,
    });
    const claims = payload as unknown as AccessTokenClaims & { exp?: number; iat?: number };
    if (typeof claims.sub !== 'string' || typeof claims.role !== 'string' || typeof claims.sid !== 'string') {
      throw new Error('claims missing');
    }
    if (typeof claims.exp !== 'number') throw new Error('expiry missing');
    if (typeof claims.iat !== 'number') throw new Error('issue time missing');
    return {
      principal: {
        accountId: claims.sub,
        role: claims.role,
        rights: Array.isArray(claims.rights) ? claims.rights : [],
        facilityId: claims.fac ?? null,
        provinceCode: claims.prov ?? null,
        sessionId: claims.sid,
      },
      issuedAtMs: claims.iat * 1000,
      expiresAtMs: claims.exp * 1000,
    };
  } catch {
    throw unauthenticated('The access token is missing, invalid or expired.');
  }
}

/**
 * Verifies access tokens and remembers the ones that passed until they expire, so a client sending the same
 * token on every request pays for one signature check, not one per request. The cache is keyed by the exact
 * token bytes under one key set, so a hit is the same verdict; expiry is re-checked on every hit, and
 * revocation is checked by the guard on every request regardless. Bounded: the oldest entry goes first.
 */
export class AccessTokenVerifier {
  private readonly verified = new Map<string, VerifiedAccessToken>();

  private readonly publicKey: TokenVerificationKeys;

  constructor(
    publicKey: VerificationKeys,
    private readonly maxEntries = 10_000,
  ) {
    this.publicKey = TokenVerificationKeys.of(publicKey);
  }

  async verify(token: string, now: Date = new Date()): Promise<Principal> {
    return (await this.verifyToken(token, now)).principal;
  }

  /** The principal with the token's issue and expiry times. */
  async verifyToken(token: string, now: Date = new Date()): Promise<VerifiedAccessToken> {
    const hit = this.verified.get(token);
    if (hit && hit.expiresAtMs > now.getTime()) return { ...hit, principal: copyOf(hit.principal) };
    if (hit) this.verified.delete(token);
    const checked = await verifyAccessTokenClaims(token, this.publicKey, now);
    if (this.verified.size >= this.maxEntries) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, checked);
    return { ...checked, principal: copyOf(checked.principal) };
  }
}

/** Callers get their own copy: a handler changing its principal must not change the next request's. */
const copyOf = (principal: Principal): Principal => ({ ...principal, rights: [...principal.rights] });

/**
 * Fields whose change needs step-up (R6). Named here, with the token that authorises them, so the identity
 * service that issues the token and the registry that accepts it agree on one list.
 */
export const stepUpFields = ['fullName', 'dateOfBirth', 'idDocument', 'address'] as const;
export type StepUpField = (typeof stepUpFields)[number];

/** What a step-up token authorises: one account, in one session, on one subject, for some or all fields. */
export interface StepUpBinding {
  accountId: string;
  sessionId: string;
  subjectId: string;
  /** The sensitive fields named when the step-up was asked for; null = every sensitive field of the subject. */
  fields: StepUpField[] | null;
}

/** A step-up token: single use (its `jti` is consumed by the service that accepts it), ≤ 5 min, bound as above. */
export async function signStepUpToken(binding: StepUpBinding, tokenId: string, privateKey: KeyObject, ttlSeconds: number, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: binding.sessionId, subj: binding.subjectId, ...(binding.fields ? { flds: binding.fields } : {}) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keyIdOf(privateKey) })
    .setSubject(binding.accountId)
    .setJti(tokenId)
    .setIssuer(tokenIssuer)
    .setAudience(stepUpAudience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.min(ttlSeconds, 300))
    .sign(privateKey);
}

export async function verifyStepUpToken(
  token: string,
  publicKey: VerificationKeys,
  now: Date = new Date(),
): Promise<StepUpBinding & { tokenId: string; expiresAt: number }> {
  const { payload } = await jwtVerify(token, keyResolver(publicKey), {
    issuer: tokenIssuer,
    audience: stepUpAudience,
    algorithms: ['EdDSA'],
    currentDate: now,
  });
  const { sid, subj, flds } = payload as { sid?: unknown; subj?: unknown; flds?: unknown };
  if (!payload.sub || !payload.jti || !payload.exp) throw new Error('step-up token incomplete');
  // A token without its binding (an older format, or a forged shape) authorises nothing.
  if (typeof sid !== 'string' || typeof subj !== 'string') throw new Error('step-up token not bound');
  if (flds !== undefined && !(Array.isArray(flds) && flds.every((f) => (stepUpFields as readonly unknown[]).includes(f)))) {
    throw new Error('step-up token fields malformed');
  }
  return {
    accountId: payload.sub,
    sessionId: sid,
    subjectId: subj,
    fields: flds === undefined ? null : (flds as StepUpField[]),
    tokenId: payload.jti,
    expiresAt: payload.exp * 1000,
  };
}
