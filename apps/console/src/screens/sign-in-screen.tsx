/** Sign-in in two steps: password, then a one-time code (authenticator app, or a code sent by SMS or email). */
import { useState, type FormEvent } from 'react';
import { useAction } from '../components/async-state';
import { TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import type { IssuedTokens, LoginChallenge, LoginInput, VerifyOtpInput } from '../api/contract';
import { formatDateTime } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { Link, usePlace } from '../navigation/router';
import { forgetSharedLists } from '../reference/shared-lists';
import { useSession } from '../session/session';

export function SignInScreen() {
  const { t } = useLanguage();
  const { api, signedIn } = useSession();
  const { search } = usePlace();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const [code, setCode] = useState('');
  const login = useAction();
  const verify = useAction();
  const expired = search.get('expired') === '1';

  const askForCode = async (event?: FormEvent) => {
    event?.preventDefault();
    const opened = await login.run(() =>
      api.post<LoginChallenge>('/auth/login', { username: username.trim(), password } satisfies LoginInput, {
        anonymous: true,
      }),
    );
    if (opened) {
      setChallenge(opened);
      setCode('');
      verify.setError(null);
    }
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    const issued = await verify.run(() =>
      api.post<IssuedTokens>(
        '/auth/otp/verify',
        { challengeId: challenge.challengeId, code: code.trim() } satisfies VerifyOtpInput,
        { anonymous: true },
      ),
    );
    if (issued) {
      forgetSharedLists();
      setPassword('');
      // The shell sees the new session and continues to `next` (or the home screen).
      signedIn(issued);
    }
  };

  if (!challenge) {
    return (
      <Page title={t('signIn.title')} intro={<p>{t('signIn.intro')}</p>}>
        <StatusNotice message={expired ? t('signIn.expired') : null} />
        <form className="narrow" onSubmit={askForCode} noValidate>
          <TextField
            label={t('signIn.username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
          <ErrorNotice error={login.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={login.busy || !username.trim() || !password}>
              {t('signIn.continue')}
            </button>
          </div>
        </form>
        <ul className="link-list">
          <li>
            <Link to="/activate">{t('signIn.haveActivationCode')}</Link>
          </li>
          <li>
            <Link to="/reset-password">{t('signIn.haveResetCode')}</Link>
          </li>
          <li>
            <Link to="/my-record">{t('signIn.citizenLink')}</Link>
          </li>
          <li>
            <Link to="/verify">{t('signIn.verifierLink')}</Link>
          </li>
        </ul>
      </Page>
    );
  }

  const hint =
    challenge.method === 'sms'
      ? t('signIn.codeHintSms', { until: formatDateTime(challenge.expiresAt) })
      : challenge.method === 'email'
        ? t('signIn.codeHintEmail', { until: formatDateTime(challenge.expiresAt) })
        : t('signIn.codeHintTotp');

  return (
    <Page title={t('signIn.codeTitle')} intro={<p>{t('signIn.codeIntro', { username: username.trim() })}</p>}>
      <form className="narrow" onSubmit={submitCode} noValidate>
        <TextField
          label={t('signIn.code')}
          hint={hint}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          autoFocus
        />
        <ErrorNotice error={verify.error ?? login.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={verify.busy || code.length !== 6}>
            {t('signIn.signIn')}
          </button>
          <button type="button" onClick={() => void askForCode()} disabled={login.busy}>
            {challenge.method === 'totp' ? t('signIn.restart') : t('signIn.sendNewCode')}
          </button>
          <button
            type="button"
            onClick={() => {
              setChallenge(null);
              setPassword('');
            }}
          >
            {t('signIn.otherAccount')}
          </button>
        </div>
      </form>
    </Page>
  );
}
