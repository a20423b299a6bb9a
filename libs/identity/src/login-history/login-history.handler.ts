/**
 * Login history (R3): the caller's own attempts without a filter; administrators and auditors may name an
 * account (by id or username) within their scope. National administrators and national auditors can also
 * see attempts on usernames that do not exist (matched by keyed hash).
 */
import { type AccessDenials, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import type { LoginHistoryAnswer } from './login-history.answer';
import { loginHistoryQuerySchema } from './login-history.query';
import { type FieldFilter, rangeInstant } from '@vaxledger/kernel';
import { usernameKey } from '../credentials/one-time-secrets';
import type { IdentityViews } from '../read-models/identity-views';
import { administersAccount, auditsAccount, seesEveryProvince } from '../scope/account-scope';
import type { IdentityWriteModel } from '../identity-write-model';

export class LoginHistoryHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly views: IdentityViews,
    private readonly usernamesKey: Buffer,
    private readonly denials: AccessDenials,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, request: unknown): Promise<LoginHistoryAnswer> {
    const query = parseInput(loginHistoryQuerySchema, request);
    const filter: FieldFilter = {};
    const target = query.accountId ?? (query.username ? await this.write.accountIdForUsername(query.username) : principal.accountId);
    if (target === null) {
      // An unknown username: only national oversight may look at attempts on it.
      await this.denials.enforce(principal, 'identity.login_history.read_unknown_user', {}, origin.correlationId, () =>
        seesEveryProvince(principal) && (principal.role === 'national_admin' || principal.role === 'auditor'),
      );
      filter.usernameKey = usernameKey(this.usernamesKey, query.username!);
    } else {
      if (target !== principal.accountId) {
        const account = await this.write.findAccount(target);
        const scope = account && account.role ? { accountId: target, role: account.role, provinceCode: account.provinceCode, facilityId: account.facilityId } : null;
        await this.denials.enforce(principal, 'identity.login_history.read', { accountId: target }, origin.correlationId, () =>
          scope !== null && (administersAccount(principal, scope) || auditsAccount(principal, scope)),
        );
      }
      filter.accountId = target;
      // Both filters given: the attempts of that account under that username, none when they name two accounts.
      if (query.accountId && query.username && (await this.write.accountIdForUsername(query.username)) !== query.accountId) {
        return { items: [] };
      }
    }
    const range: { $gte?: string; $lte?: string } = {};
    if (query.from) range.$gte = rangeInstant(query.from, 'start');
    if (query.to) range.$lte = rangeInstant(query.to, 'end');
    if (range.$gte || range.$lte) filter.at = range;
    const rows = await (await this.views.signIns()).find(filter, { sort: [['at', -1]], limit: query.limit });
    return {
      items: rows.map(({ attemptId, challengeId, accountId, at, ip, userAgent, stage, method, outcome }) => ({
        attemptId,
        challengeId,
        accountId,
        at,
        ip,
        userAgent,
        stage,
        method,
        outcome,
      })),
    };
  }
}

