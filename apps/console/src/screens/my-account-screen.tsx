/** The signed-in person's own sessions (with a way to end any of them) and own login history. */
import type { LoginAttempt, OwnSession } from '../api/contract';
import { useAction, useLoad } from '../components/async-state';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { formatDateTime } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { navigate } from '../navigation/router';
import { useSession } from '../session/session';

export function LoginHistoryTable({ items, caption }: { items: LoginAttempt[]; caption: string }) {
  const { t, label } = useLanguage();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.step')}</th>
            <th scope="col">{t('history.method')}</th>
            <th scope="col">{t('history.outcome')}</th>
            <th scope="col">{t('history.ip')}</th>
            <th scope="col">{t('history.device')}</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('common.none')}</td>
            </tr>
          ) : (
            items.map((item) => (
              <tr
                key={item.attemptId}
                className={
                  item.outcome === 'success' || item.outcome === 'password_accepted' ? '' : 'row-warning'
                }
              >
                <td>{formatDateTime(item.at)}</td>
                <td>{label('loginStage', item.stage)}</td>
                <td>{label('loginMethod', item.method)}</td>
                <td>{label('loginOutcome', item.outcome)}</td>
                <td>{item.ip}</td>
                <td className="small">{item.userAgent}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function MyAccountScreen() {
  const { t, label } = useLanguage();
  const { api, account, signOut } = useSession();
  const sessions = useLoad(() => api.get<{ items: OwnSession[] }>('/auth/sessions'), [api]);
  const history = useLoad(() => api.get<{ items: LoginAttempt[] }>('/auth/login-history?limit=50'), [api]);
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
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('account.sessions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.started')}</th>
              <th scope="col">{t('account.lastUsed')}</th>
              <th scope="col">{t('account.endsAt')}</th>
              <th scope="col">{t('history.ip')}</th>
              <th scope="col">{t('history.device')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(sessions.data?.items ?? []).map((session) => (
              <tr key={session.sessionId}>
                <td>
                  {formatDateTime(session.createdAt)}{' '}
                  {session.current ? <strong className="tag">{t('account.thisSession')}</strong> : null}
                </td>
                <td>{formatDateTime(session.lastUsedAt)}</td>
                <td>{formatDateTime(session.absoluteExpiresAt)}</td>
                <td>{session.ip ?? '—'}</td>
                <td className="small">{session.userAgent ?? '—'}</td>
                <td>
                  <button type="button" onClick={() => void end(session)} disabled={ending.busy}>
                    {session.current ? t('header.signOut') : t('account.endSession')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('account.loginHistory')}</h2>
      <ErrorNotice error={history.error} />
      <LoginHistoryTable items={history.data?.items ?? []} caption={t('account.loginHistoryCaption')} />
    </Page>
  );
}
