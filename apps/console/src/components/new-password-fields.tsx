/** A new password typed twice (activation, password reset), with the policy as hint and a mismatch said at once. */
import { TextField } from './form-fields';
import { useLanguage } from '../i18n/language';

export const passwordsDiffer = (password: string, repeat: string) => repeat.length > 0 && repeat !== password;

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
