/**
 * Activating a granted account: the activation code from the welcome message, a password, then enrolling an
 * authenticator app by scanning the QR code of its otpauth address and confirming one code from it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Activation, ActivateInput, ConfirmTotpInput, OtpMethod } from '../api/contract';
import { useAction } from '../components/async-state';
import { TextField } from '../components/form-fields';
import {
  GoSignInPage,
  mismatchRefusal,
  NewPasswordFields,
  passwordsDiffer,
  SingleUseCodeField,
} from '../components/credential-fields';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { QrCodeImage } from '../components/qr-code';
import { useLanguage } from '../i18n/language';
import { navigate, usePlace } from '../navigation/router';
import { useSession } from '../session/session';

function secretOf(otpauthUri: string): string {
  try {
    return new URL(otpauthUri).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

/** Groups of four characters are easier to type into an authenticator by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function ActivationScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const { search } = usePlace();
  const [token, setToken] = useState(() => search.get('token') ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [method, setMethod] = useState<OtpMethod>('totp');
  const [activation, setActivation] = useState<Activation | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  const activating = useAction();
  const confirming = useAction();

  // The code is a secret: keep it out of the browser history once it is in the form.
  useEffect(() => {
    if (search.get('token')) navigate('/activate', { replace: true });
  }, [search]);

  const mismatch = passwordsDiffer(password, repeat);

  const activate = async (event: FormEvent) => {
    event.preventDefault();
    const refusal = mismatchRefusal(password, repeat);
    if (refusal) return activating.setError(refusal);
    const result = await activating.run(() =>
      api.post<Activation>(
        '/auth/activate',
        { token: token.trim(), password, otpMethod: method } satisfies ActivateInput,
        { anonymous: true },
      ),
    );
    if (result) {
      setActivation(result);
      setPassword('');
      setRepeat('');
      if (!result.otpauthUri) setDone(true);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const confirmed = await confirming.run(() =>
      api.post(
        '/auth/totp/confirm',
        { username: username.trim(), code: code.trim() } satisfies ConfirmTotpInput,
        { anonymous: true },
      ),
    );
    if (confirmed) setDone(true);
  };

  if (done) return <GoSignInPage title={t('activate.doneTitle')} message={t('activate.done')} />;

  if (activation?.otpauthUri) {
    const secret = secretOf(activation.otpauthUri);
    return (
      <Page title={t('activate.enrolTitle')} intro={<p>{t('activate.enrolIntro')}</p>}>
        <div className="enrol">
          <QrCodeImage text={activation.otpauthUri} label={t('activate.qrLabel')} />
          <div>
            <p>{t('activate.manualEntry')}</p>
            <p>
              <code className="secret" data-testid="totp-secret" data-secret={secret}>
                {grouped(secret)}
              </code>
            </p>
            <form onSubmit={confirm} noValidate>
              <TextField
                label={t('activate.username')}
                hint={t('activate.usernameAgainHint')}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoComplete="username"
                autoCapitalize="none"
                required
              />
              <TextField
                label={t('activate.firstCode')}
                hint={t('activate.firstCodeHint')}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                autoFocus
              />
              <ErrorNotice error={confirming.error} />
              <div className="actions">
                <button
                  type="submit"
                  className="primary"
                  disabled={confirming.busy || code.length !== 6 || !username.trim()}
                >
                  {t('activate.confirm')}
                </button>
              </div>
            </form>
          </div>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('activate.title')} intro={<p>{t('activate.intro')}</p>}>
      <form className="narrow" onSubmit={activate} noValidate>
        <SingleUseCodeField
          label={t('activate.token')}
          hint={t('activate.tokenHint')}
          value={token}
          onChange={setToken}
        />
        <TextField
          label={t('activate.username')}
          hint={t('activate.usernameHint')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          required
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        <fieldset>
          <legend>{t('activate.method')}</legend>
          {(['totp', 'sms', 'email'] as const).map((option) => (
            <div className="radio" key={option}>
              <input
                type="radio"
                id={`otp-method-${option}`}
                name="otp-method"
                value={option}
                checked={method === option}
                onChange={() => setMethod(option)}
              />
              <label htmlFor={`otp-method-${option}`}>{t(`otpMethod.${option}`)}</label>
            </div>
          ))}
        </fieldset>
        <ErrorNotice error={activating.error} />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={
              activating.busy || !token.trim() || !username.trim() || password.length < 12 || mismatch
            }
          >
            {t('activate.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
