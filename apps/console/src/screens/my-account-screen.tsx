/** The signed-in person's own sessions (with a way to end any of them) and own login history. */
import type { LoginAttempt, LoginHistory, LoginHistoryQuery, OwnSession, OwnSessions } from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction, useLoad } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { formatDateTime } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { navigate } from '../navigation/router';
import { useSession } from '../session/session';

export function LoginHistoryTable({ items, caption }: { items: LoginAttempt[]; caption: string }) {
  const { t, label } = useLanguage();
  return (
    <DataTable
      caption={caption}
      columns={[
        { header: t('history.when'), cell: (item) => formatDateTime(item.at) },
        { header: t('history.step'), cell: (item) => label('loginStage', item.stage) },
        { header: t('history.method'), cell: (item) => label('loginMethod', item.method) },
        { header: t('history.outcome'), cell: (item) => label('loginOutcome', item.outcome) },
        { header: t('history.ip'), cell: (item) => item.ip },
        { header: t('history.device'), cell: (item) => item.userAgent || '—', cellClassName: 'small' },
      ]}
      rows={items}
      rowKey={(item) => item.attemptId}
      rowClassName={(item) =>
        item.outcome === 'success' || item.outcome === 'password_accepted' ? '' : 'row-warning'
      }
      empty={t('common.none')}
    />
  );
}

export function MyAccountScreen() {
  const { t, label } = useLanguage();
  const { api, account, signOut } = useSession();
  const sessions = useLoad(() => api.get<OwnSessions>('/auth/sessions'), [api]);
  const history = useLoad(
    () =>
      api.get<LoginHistory>(`/auth/login-history?${queryString({ limit: 50 } satisfies LoginHistoryQuery)}`),
    [api],
  );
  const ending = useAction();

  const end = async (session: OwnSession) => {
    if (session.current) {
      await signOut();
      navigate('/sign-in', { replace: true });
      return;
    }
    await ending.run(() => api.delete(`/auth/sessions/${encodeURIComponent(session.sessionId)}`));
    sessions.reload();
  };

  return (
    <Page title={t('account.title')}>
      {account ? (
        <dl className="facts">
          <dt>{t('account.name')}</dt>
          <dd>{account.fullName}</dd>
          <dt>{t('account.username')}</dt>
          <dd>{account.username}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{label('role', account.role)}</dd>
          {account.rights.length ? (
            <>
              <dt>{t('account.rights')}</dt>
              <dd>{account.rights.map((right) => label('right', right)).join(', ')}</dd>
            </>
          ) : null}
        </dl>
      ) : null}

      <h2>{t('account.sessions')}</h2>
      <ErrorNotice error={sessions.error ?? ending.error} />
      <DataTable
        caption={t('account.sessions')}
        captionHidden
        columns={[
          {
            header: t('account.started'),
            cell: (session) => (
              <>
                {formatDateTime(session.createdAt)}{' '}
                {session.current ? <strong className="tag">{t('account.thisSession')}</strong> : null}
              </>
            ),
          },
          { header: t('account.lastUsed'), cell: (session) => formatDateTime(session.lastUsedAt) },
          { header: t('account.endsAt'), cell: (session) => formatDateTime(session.absoluteExpiresAt) },
          { header: t('history.ip'), cell: (session) => session.ip || '—' },
          {
            header: t('history.device'),
            cell: (session) => session.userAgent || '—',
            cellClassName: 'small',
          },
          {
            header: <span className="visually-hidden">{t('common.actions')}</span>,
            cell: (session) => (
              <button type="button" onClick={() => void end(session)} disabled={ending.busy}>
                {session.current ? t('header.signOut') : t('account.endSession')}
              </button>
            ),
          },
        ]}
        rows={sessions.data?.items ?? []}
        rowKey={(session) => session.sessionId}
      />

      <h2>{t('account.loginHistory')}</h2>
      <ErrorNotice error={history.error} />
      <LoginHistoryTable items={history.data?.items ?? []} caption={t('account.loginHistoryCaption')} />
    </Page>
  );
}
