/**
 * The province health department's work on accounts (rule R5): review the staff lists facilities sent and
 * approve them (all or some) or reject them with a reason; confirm the periodic review of existing accounts;
 * unlock locked accounts, suspend, reinstate and reset passwords; read the province's login history.
 */
import { useState, type FormEvent } from 'react';
import type {
  Account,
  AccountList,
  AccountRequest,
  AccountRequestApproved,
  AccountRequestList,
  AccountRequestsQuery,
  AccountsQuery,
  ApproveAccountRequestInput,
  AuditEventsPage,
  AuditQuery,
  LoginHistory,
  LoginHistoryQuery,
  PasswordResetIssued,
  RejectAccountRequestInput,
  SuspendAccountInput,
} from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction, useLoad } from '../components/async-state';
import { DataTable } from '../components/data-table';
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

/** GET /accounts has no further pages: ask for as many as it gives (1000), so no account is cut off the review. */
const accountsLimit = 1000;

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
      api.post<AccountRequestApproved>(
        `${path}/approve`,
        (all ? {} : { items: chosen }) satisfies ApproveAccountRequestInput,
      ),
    );
    if (result) onDecided(t('review.approved', { count: result.approved.length }));
  };
  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await deciding.run(() =>
        api.post(`${path}/reject`, { reason: reason.trim() } satisfies RejectAccountRequestInput),
      )
    ) {
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
      <DataTable
        caption={t('review.people')}
        captionHidden
        columns={[
          {
            header: t('review.grant'),
            cell: (item) =>
              item.status === 'pending' ? (
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
              ),
          },
          { header: t('person.fullName'), cell: (item) => item.fullName },
          { header: t('staff.username'), cell: (item) => item.username },
          { header: t('staff.unit'), cell: (item) => item.unit },
          { header: t('staff.position'), cell: (item) => item.position },
          { header: t('staff.email'), cell: (item) => item.email },
          { header: t('person.phone'), cell: (item) => item.phone },
          { header: t('staff.rights'), cell: (item) => item.rights.map((r) => label('right', r)).join(', ') },
        ]}
        rows={request.items}
        rowKey={(item) => item.index}
      />
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
  const [resetting, setResetting] = useState<Account | null>(null);
  const accounts = useLoad(
    () =>
      api.get<AccountList>(
        `/accounts?${queryString(
          (lockedOnly
            ? { limit: accountsLimit }
            : { notReviewedSince: since, limit: accountsLimit }) satisfies AccountsQuery,
        )}`,
      ),
    [api, since, lockedOnly],
  );
  const acting = useAction();
  const history = useLoad(
    () =>
      historyOf
        ? api.get<LoginHistory>(
            `/auth/login-history?${queryString({ accountId: historyOf.accountId, limit: 50 } satisfies LoginHistoryQuery)}`,
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
          action === 'suspend' ? ({} satisfies SuspendAccountInput) : undefined,
        ),
      )
    ) {
      setDone(t(`review.${action}Done`, { name: account.fullName }));
      accounts.reloadAfterWrite();
    }
  };

  const resetPassword = async (account: Account) => {
    setDone(null);
    const issued = await acting.run(() =>
      api.post<PasswordResetIssued>(`/accounts/${encodeURIComponent(account.accountId)}/password-reset`),
    );
    setResetting(null);
    if (issued) {
      setDone(
        t('review.resetPasswordDone', { name: account.fullName, time: formatDateTime(issued.expiresAt) }),
      );
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
      <DataTable
        caption={t('review.accountsTitle')}
        captionHidden
        columns={[
          { header: t('person.fullName'), cell: (account) => account.fullName },
          { header: t('staff.username'), cell: (account) => account.username },
          { header: t('account.role'), cell: (account) => label('role', account.role) },
          {
            header: t('plans.facility'),
            cell: (account) =>
              account.facilityId ? facilityLabel(account.facilityId) : provinceName(account.provinceCode),
          },
          {
            header: t('review.status'),
            cell: (account) => (
              <>
                {label('accountStatus', account.status)}
                {account.lockedUntil
                  ? ` (${t('review.until', { time: formatDateTime(account.lockedUntil) })})`
                  : ''}
              </>
            ),
          },
          {
            header: t('review.lastReviewed'),
            cell: (account) =>
              account.lastReviewedAt ? formatDate(account.lastReviewedAt.slice(0, 10)) : t('review.never'),
          },
          {
            header: <span className="visually-hidden">{t('common.actions')}</span>,
            cellClassName: 'row-actions',
            cell: (account) => (
              <>
                {account.status === 'locked' ? (
                  <button type="button" onClick={() => void act(account, 'unlock')} disabled={acting.busy}>
                    {t('review.unlock')}
                    <span className="visually-hidden"> {account.username}</span>
                  </button>
                ) : null}
                <button type="button" onClick={() => void act(account, 'review')} disabled={acting.busy}>
                  {t('review.confirmReview')}
                  <span className="visually-hidden"> {account.username}</span>
                </button>
                {account.status === 'suspended' ? (
                  <button type="button" onClick={() => void act(account, 'reinstate')} disabled={acting.busy}>
                    {t('review.reinstate')}
                    <span className="visually-hidden"> {account.username}</span>
                  </button>
                ) : (
                  <button type="button" onClick={() => void act(account, 'suspend')} disabled={acting.busy}>
                    {t('review.suspend')}
                    <span className="visually-hidden"> {account.username}</span>
                  </button>
                )}
                {account.status === 'pending_activation' || account.status === 'enrolling' ? null : (
                  <button type="button" onClick={() => setResetting(account)} disabled={acting.busy}>
                    {t('review.resetPassword')}
                    <span className="visually-hidden"> {account.username}</span>
                  </button>
                )}
                <button type="button" onClick={() => setHistoryOf(account)}>
                  {t('review.loginHistory')}
                  <span className="visually-hidden"> {account.username}</span>
                </button>
              </>
            ),
          },
        ]}
        rows={rows}
        rowKey={(account) => account.accountId}
        rowClassName={(account) => (account.status === 'locked' ? 'row-warning' : '')}
        empty={t('common.none')}
      />
      <Dialog
        open={resetting !== null}
        title={t('review.resetPasswordTitle', { name: resetting?.fullName ?? '' })}
        onClose={() => setResetting(null)}
      >
        <p className="explanation">{t('review.resetPasswordExplain')}</p>
        <div className="actions">
          <button
            type="button"
            className="danger"
            onClick={() => resetting && void resetPassword(resetting)}
            disabled={acting.busy}
          >
            {t('review.resetPassword')}
          </button>
          <button type="button" onClick={() => setResetting(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
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
    () =>
      api.get<AuditEventsPage>(
        `/audit/events?${queryString({ type: 'LoginAttempted', from, limit: 100 } satisfies AuditQuery)}`,
      ),
    [api, from],
  );
  // The trail names accounts by id; the province's account list gives their usernames.
  const accounts = useLoad(
    () => api.get<AccountList>(`/accounts?${queryString({ limit: accountsLimit } satisfies AccountsQuery)}`),
    [api],
  );
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
      <DataTable
        caption={t('review.provinceLogins', { province: provinceName(principal.provinceCode) })}
        captionHidden
        columns={[
          { header: t('history.when'), cell: (entry) => formatDateTime(entry.occurredAt) },
          { header: t('audit.account'), cell: (entry) => accountName(entry.actor.accountId) },
          {
            header: t('plans.facility'),
            cell: (entry) => facilityLabel(entry.facilityId ?? entry.actor.facilityId),
          },
          { header: t('history.outcome'), cell: (entry) => label('loginOutcome', entry.outcome) },
          { header: t('history.ip'), cell: (entry) => entry.origin?.ip ?? '—' },
        ]}
        rows={entries.data?.items ?? []}
        rowKey={(entry) => entry.eventId}
        empty={t('common.none')}
      />
    </section>
  );
}

export function AccountReviewScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const requests = useLoad(
    () =>
      api.get<AccountRequestList>(
        `/account-requests?${queryString({ status: 'pending' } satisfies AccountRequestsQuery)}`,
      ),
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
