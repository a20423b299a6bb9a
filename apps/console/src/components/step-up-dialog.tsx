/**
 * Asks for a fresh one-time code before a sensitive change to a person another facility manages (rule R6), and
 * says why: the code proves the change is made by the signed-in person, now.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { LoginChallenge, StepUpInput, StepUpToken, StepUpVerifyInput } from '../api/contract';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session/session';
import { useAction } from './async-state';
import { Dialog } from './dialog';
import { TextField } from './form-fields';
import { ErrorNotice } from './notices';

interface StepUpDialogProps {
  open: boolean;
  /** What the code is for, e.g. "sửa ngày sinh". */
  purpose: string;
  /** The person the change is for: the server binds the step-up token to this subject and nothing else. */
  subjectId: string;
  /** The sensitive fields the change touches; the token covers these only. */
  fields: NonNullable<StepUpInput['fields']>;
  onVerified: (stepUpToken: string) => void;
  onCancel: () => void;
}

export function StepUpDialog({ open, purpose, subjectId, fields, onVerified, onCancel }: StepUpDialogProps) {
  const { t } = useLanguage();
  const { api } = useSession();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const [code, setCode] = useState('');
  const asking = useAction();
  const verifying = useAction();

  const requestCode = () =>
    asking.run(async () => {
      setChallenge(
        await api.post<LoginChallenge>(
          '/auth/step-up',
          (fields.length ? { subjectId, fields } : { subjectId }) satisfies StepUpInput,
        ),
      );
      setCode('');
    });

  useEffect(() => {
    if (!open) {
      setChallenge(null);
      setCode('');
      verifying.setError(null);
      return;
    }
    void requestCode();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    const verified = await verifying.run(() =>
      api.post<StepUpToken>('/auth/step-up/verify', {
        challengeId: challenge.challengeId,
        code: code.trim(),
      } satisfies StepUpVerifyInput),
    );
    if (verified) onVerified(verified.stepUpToken);
  };

  const methodHint =
    challenge?.method === 'sms'
      ? t('stepUp.hintSms')
      : challenge?.method === 'email'
        ? t('stepUp.hintEmail')
        : t('stepUp.hintTotp');

  return (
    <Dialog open={open} title={t('stepUp.title')} onClose={onCancel}>
      <p className="explanation">{t('stepUp.why', { purpose })}</p>
      <p className="explanation">{t('stepUp.whyRule')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('stepUp.code')}
          hint={methodHint}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          required
          autoFocus
          disabled={!challenge}
        />
        <ErrorNotice error={asking.error ?? verifying.error} />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={!challenge || verifying.busy || code.trim().length < 6}
          >
            {t('stepUp.confirm')}
          </button>
          <button type="button" onClick={() => void requestCode()} disabled={asking.busy}>
            {t('stepUp.newCode')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
