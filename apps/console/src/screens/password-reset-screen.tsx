/**
 * Redeeming an administrator's password reset: the single-use code from the message and a new password. The
 * code is typed or pasted, never taken from the address (it must not sit in browser history or proxy logs).
 */
import { useState, type FormEvent } from 'react';
import type { RedeemPasswordResetInput } from '../api/contract';
import { useAction } from '../components/async-state';
import {
  GoSignInPage,
  mismatchRefusal,
  NewPasswordFields,
  passwordsDiffer,
  SingleUseCodeField,
} from '../components/credential-fields';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session/session';

export function PasswordResetScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const resetting = useAction();
  const mismatch = passwordsDiffer(password, repeat);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refusal = mismatchRefusal(password, repeat);
    if (refusal) return resetting.setError(refusal);
    const result = await resetting.run(async () => {
      await api.post(
        '/auth/password-reset',
        { token: token.trim(), password } satisfies RedeemPasswordResetInput,
        { anonymous: true },
      );
      return true;
    });
    if (result) {
      setToken('');
      setPassword('');
      setRepeat('');
      setDone(true);
    }
  };

  if (done) return <GoSignInPage title={t('passwordReset.doneTitle')} message={t('passwordReset.done')} />;

  return (
    <Page title={t('passwordReset.title')} intro={<p>{t('passwordReset.intro')}</p>}>
      <form className="narrow" onSubmit={submit} noValidate>
        <SingleUseCodeField
          label={t('passwordReset.token')}
          hint={t('passwordReset.tokenHint')}
          value={token}
          onChange={setToken}
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        <ErrorNotice error={resetting.error} />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={resetting.busy || !token.trim() || password.length < 12 || mismatch}
          >
            {t('passwordReset.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
