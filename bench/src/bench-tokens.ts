/**
 * Access tokens for load scenarios that are not about logging in: signed with the server's own key (as
 * identity would sign them), so every request still goes through the real guard, signature check and scope.
 */
import type { KeyObject } from 'node:crypto';
import { signAccessToken, type Principal } from '@vaxledger/auth';
import { newId } from '@vaxledger/kernel';

export function staffPrincipal(
  facilityId: string,
  provinceCode: string,
  rights: Principal['rights'] = ['data_entry', 'dose_history_update'],
): Principal {
  return { accountId: newId(), role: 'staff', rights, facilityId, provinceCode, sessionId: newId() };
}

/** 15 minutes is the longest an access token may live; scenarios that run longer mint a new one. */
export function mintAccessToken(principal: Principal, key: KeyObject): Promise<string> {
  return signAccessToken(principal, key, 900, new Date());
}
