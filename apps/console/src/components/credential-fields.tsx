/**
 * What the pages that redeem a single-use code share (activation, password reset): the code field, a new
 * password typed twice with the policy as hint and a mismatch said at once, and the page that sends to sign-in.
 */
import { ApiError } from '../api/api-error';
import { TextField } from './form-fields';
import { StatusNotice } from './notices';
import { Page } from './page';
import { useLanguage } from '../i18n/language';
import { Link } from '../navigation/router';

export const passwordsDiffer = (password: string, repeat: string) => repeat.length > 0 && repeat !== password;

/** The refusal a form shows when the two passwords differ at submit time, or null when they agree. */
export const mismatchRefusal = (password: string, repeat: string): ApiError | null =>
  password === repeat ? null : new ApiError(400, 'validation_failed', [{ field: 'password' }]);

/** A pasted single-use code: no autocomplete, no spell check. */
export function SingleUseCodeField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      label={label}
      hint={hint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="off"
      spellCheck={false}
      required
    />
  );
}

export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
}: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const { t } = useLanguage();
  return (
    <>
      <TextField
        label={t('activate.password')}
        hint={t('activate.passwordHint')}
        type="password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        autoComplete="new-password"
        minLength={12}
        required
      />
      <TextField
        label={t('activate.repeat')}
        type="password"
        value={repeat}
        onChange={(e) => onRepeat(e.target.value)}
        autoComplete="new-password"
        problem={passwordsDiffer(password, repeat) ? t('activate.mismatch') : null}
        required
      />
    </>
  );
}

/** The last page of such a flow: what happened, and the way to sign in. */
export function GoSignInPage({ title, message }: { title: string; message: string }) {
  const { t } = useLanguage();
  return (
    <Page title={title}>
      <StatusNotice message={message} />
      <p>
        <Link to="/sign-in">{t('activate.goSignIn')}</Link>
      </p>
    </Page>
  );
}
