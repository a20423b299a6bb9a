/**
 * The province health department's work on accounts (rule R5): review the staff lists facilities sent and
 * approve them (all or some) or reject them with a reason; confirm the periodic review of existing accounts;
 * unlock locked accounts; read the province's login history.
 */
import { useState, type FormEvent } from 'react';
import type { Account, AccountRequest, AuditEntry, LoginAttempt } from '../api/contract';
import { useAction, useLoad } from '../components/async-state';
import { Dialog } from '../components/dialog';
import { CheckboxField, TextAreaField, TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { addDays, formatDate, formatDateTime, todayInVietnam } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { provinceName } from '../reference/administrative-units';
import { useFacilityLabel } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';
import { LoginHistoryTable } from './my-account-screen';

function PendingRequest({
  request,
  onDecided,
}: {
  request: AccountRequest;
  onDecided: (message: string) => void;
}) {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const facilityLabel = useFacilityLabel();
  const pending = request.items.filter((item) => item.status === 'pending');
  const [chosen, setChosen] = useState<number[]>(() => pending.map((item) => item.index));
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const deciding = useAction();
  const path = `/account-requests/${encodeURIComponent(request.requestId)}`;

  const approve = async () => {
    const all = chosen.length === pending.length;
    const result = await deciding.run(() =>
      api.post<{ approved: unknown[] }>(`${path}/approve`, all ? {} : { items: chosen }),
    );
    if (result) onDecided(t('review.approved', { count: result.approved.length }));
  };
  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (await deciding.run(() => api.post(`${path}/reject`, { reason: reason.trim() }))) {
      setRejecting(false);
      onDecided(t('review.rejected'));
    }
  };

  const titleId = `request-${request.requestId}`;
  return (
    <article className="request-card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('review.requestTitle', {
          facility: facilityLabel(request.facilityId),
          date: formatDateTime(request.submittedAt),
        })}
      </h3>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('review.people')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.grant')}</th>
              <th scope="col">{t('person.fullName')}</th>
              <th scope="col">{t('staff.username')}</th>
              <th scope="col">{t('staff.unit')}</th>
              <th scope="col">{t('staff.position')}</th>
              <th scope="col">{t('staff.email')}</th>
              <th scope="col">{t('person.phone')}</th>
              <th scope="col">{t('staff.rights')}</th>
            </tr>
          </thead>
          <tbody>
            {request.items.map((item) => (
              <tr key={item.index}>
                <td>
                  {item.status === 'pending' ? (
                    <CheckboxField
                      label={t('review.grantTo', { name: item.fullName })}
                      checked={chosen.includes(item.index)}
                      onChange={(e) =>
                        setChosen((list) =>
                          e.target.checked ? [...list, item.index] : list.filter((i) => i !== item.index),
                        )
                      }
                    />
                  ) : (
                    label('itemStatus', item.status)
                  )}
                </td>
                <td>{item.fullName}</td>
                <td>{item.username}</td>
                <td>{item.unit}</td>
                <td>{item.position}</td>
                <td>{item.email}</td>
                <td>{item.phone}</td>
                <td>{item.rights.map((r) => label('right', r)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorNotice error={rejecting ? null : deciding.error} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void approve()}
          disabled={deciding.busy || chosen.length === 0}
        >
          {chosen.length === pending.length
            ? t('review.approveAll', { count: chosen.length })
            : t('review.approveSome', { count: chosen.length })}
        </button>
        <button type="button" className="danger" onClick={() => setRejecting(true)} disabled={deciding.busy}>
          {t('review.reject')}
        </button>
      </div>
      <Dialog open={rejecting} title={t('review.rejectTitle')} onClose={() => setRejecting(false)}>
        <form onSubmit={reject} noValidate>
          <p className="explanation">{t('review.rejectExplain')}</p>
          <TextAreaField
            label={t('doseAction.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            autoFocus
            rows={3}
          />
          <ErrorNotice error={deciding.error} />
          <div className="actions">
            <button type="submit" className="danger" disabled={deciding.busy || !reason.trim()}>
              {t('review.reject')}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </article>
  );
}

function AccountsUnderReview() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const facilityLabel = useFacilityLabel();
  const [since, setSince] = useState(addDays(todayInVietnam(), -90));
  const [lockedOnly, setLockedOnly] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<Account | null>(null);
  const accounts = useLoad(
    () =>
      api.get<{ items: Account[] }>(
        lockedOnly ? '/accounts' : `/accounts?notReviewedSince=${encodeURIComponent(since)}`,
      ),
    [api, since, lockedOnly],
  );
  const acting = useAction();
  const history = useLoad(
    () =>
      historyOf
        ? api.get<{ items: LoginAttempt[] }>(
            `/auth/login-history?accountId=${encodeURIComponent(historyOf.accountId)}&limit=50`,
          )
        : Promise.resolve(null),
    [api, historyOf],
  );

  const act = async (account: Account, action: 'review' | 'unlock' | 'suspend' | 'reinstate') => {
    setDone(null);
    if (
      await acting.run(() =>
        api.post(
          `/accounts/${encodeURIComponent(account.accountId)}/${action}`,
          action === 'suspend' ? {} : undefined,
        ),
      )
    ) {
      setDone(t(`review.${action}Done`, { name: account.fullName }));
      accounts.reloadAfterWrite();
    }
  };

  const rows = (accounts.data?.items ?? []).filter(
    (a) => a.accountId !== principal.accountId && (!lockedOnly || a.status === 'locked'),
  );

  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('review.accountsTitle')}</h2>
      <p>{t('review.accountsIntro')}</p>
      <div className="row">
        <TextField
          label={t('review.notReviewedSince')}
          type="date"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          disabled={lockedOnly}
        />
        <CheckboxField
          label={t('review.lockedOnly')}
          checked={lockedOnly}
          onChange={(e) => setLockedOnly(e.target.checked)}
        />
      </div>
      <ErrorNotice error={accounts.error ?? acting.error} />
      <StatusNotice message={done} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('review.accountsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.fullName')}</th>
              <th scope="col">{t('staff.username')}</th>
              <th scope="col">{t('account.role')}</th>
              <th scope="col">{t('plans.facility')}</th>
              <th scope="col">{t('review.status')}</th>
              <th scope="col">{t('review.lastReviewed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7}>{t('common.none')}</td>
              </tr>
            ) : (
              rows.map((account) => (
                <tr key={account.accountId} className={account.status === 'locked' ? 'row-warning' : ''}>
                  <td>{account.fullName}</td>
                  <td>{account.username}</td>
                  <td>{label('role', account.role)}</td>
                  <td>
                    {account.facilityId
                      ? facilityLabel(account.facilityId)
                      : provinceName(account.provinceCode)}
                  </td>
                  <td>
                    {label('accountStatus', account.status)}
                    {account.lockedUntil
                      ? ` (${t('review.until', { time: formatDateTime(account.lockedUntil) })})`
                      : ''}
                  </td>
                  <td>
                    {account.lastReviewedAt
                      ? formatDate(account.lastReviewedAt.slice(0, 10))
                      : t('review.never')}
                  </td>
                  <td className="row-actions">
                    {account.status === 'locked' ? (
                      <button
                        type="button"
                        onClick={() => void act(account, 'unlock')}
                        disabled={acting.busy}
                      >
                        {t('review.unlock')}
                        <span className="visually-hidden"> {account.username}</span>
                      </button>
                    ) : null}
                    <button type="button" onClick={() => void act(account, 'review')} disabled={acting.busy}>
                      {t('review.confirmReview')}
                      <span className="visually-hidden"> {account.username}</span>
                    </button>
                    {account.status === 'suspended' ? (
                      <button
                        type="button"
                        onClick={() => void act(account, 'reinstate')}
                        disabled={acting.busy}
                      >
                        {t('review.reinstate')}
                        <span className="visually-hidden"> {account.username}</span>
                      </button>
                    ) : (
                      <button
                        type="button"
                        onClick={() => void act(account, 'suspend')}
                        disabled={acting.busy}
                      >
                        {t('review.suspend')}
                        <span className="visually-hidden"> {account.username}</span>
                      </button>
                    )}
                    <button type="button" onClick={() => setHistoryOf(account)}>
                      {t('review.loginHistory')}
                      <span className="visually-hidden"> {account.username}</span>
                    </button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {historyOf ? (
        <>
          <ErrorNotice error={history.error} />
          <LoginHistoryTable
            items={history.data?.items ?? []}
            caption={t('review.loginHistoryOf', { name: historyOf.fullName })}
          />
        </>
      ) : null}
    </section>
  );
}

/** Only a province admin's trail search is scoped to a province; others would only be refused (and recorded). */
function ProvinceLoginHistory() {
  const principal = usePrincipal();
  return principal.role === 'province_admin' ? <ProvinceLoginList /> : null;
}

function ProvinceLoginList() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const facilityLabel = useFacilityLabel();
  const [from, setFrom] = useState(addDays(todayInVietnam(), -7));
  const entries = useLoad(
    () => api.get<{ items: AuditEntry[] }>(`/audit/events?type=LoginAttempted&from=${from}&limit=100`),
    [api, from],
  );
  // The trail names accounts by id; the province's account list gives their usernames.
  const accounts = useLoad(() => api.get<{ items: Account[] }>('/accounts?limit=1000'), [api]);
  const accountName = (accountId: string | null) => {
    if (!accountId) return t('audit.unknownAccount');
    const account = accounts.data?.items.find((a) => a.accountId === accountId);
    return account ? `${account.fullName} (${account.username})` : `#${accountId.slice(-8)}`;
  };
  return (
    <section aria-labelledby="province-logins-title">
      <h2 id="province-logins-title">
        {t('review.provinceLogins', { province: provinceName(principal.provinceCode) })}
      </h2>
      <TextField
        label={t('common.from')}
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
      />
      <ErrorNotice error={entries.error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">
            {t('review.provinceLogins', { province: provinceName(principal.provinceCode) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('audit.account')}</th>
              <th scope="col">{t('plans.facility')}</th>
              <th scope="col">{t('history.outcome')}</th>
              <th scope="col">{t('history.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {(entries.data?.items ?? []).length === 0 ? (
              <tr>
                <td colSpan={5}>{t('common.none')}</td>
              </tr>
            ) : (
              entries.data!.items.map((entry) => (
                <tr key={entry.eventId}>
                  <td>{formatDateTime(entry.occurredAt)}</td>
                  <td>{accountName(entry.actor.accountId)}</td>
                  <td>{facilityLabel(entry.facilityId ?? entry.actor.facilityId)}</td>
                  <td>{label('loginOutcome', entry.outcome)}</td>
                  <td>{entry.origin?.ip ?? '—'}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function AccountReviewScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const requests = useLoad(
    () => api.get<{ items: AccountRequest[] }>('/account-requests?status=pending'),
    [api],
  );
  const [decided, setDecided] = useState<string | null>(null);

  return (
    <Page title={t('review.title')} intro={<p>{t('review.intro')}</p>}>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{t('review.pending')}</h2>
        <StatusNotice message={decided} />
        <ErrorNotice error={requests.error} />
        {(requests.data?.items ?? []).length === 0 ? <p>{t('review.nothingPending')}</p> : null}
        {(requests.data?.items ?? []).map((request) => (
          <PendingRequest
            key={request.requestId}
            request={request}
            onDecided={(message) => {
              setDecided(message);
              requests.setData({
                items: (requests.data?.items ?? []).filter((r) => r.requestId !== request.requestId),
              });
              requests.reloadAfterWrite();
            }}
          />
        ))}
      </section>
      <AccountsUnderReview />
      <ProvinceLoginHistory />
    </Page>
  );
}
