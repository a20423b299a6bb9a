/** Voiding a dose entered in error, correcting one, and reporting an adverse reaction: each asks for its reason. */
import { useState, type FormEvent } from 'react';
import type {
  CorrectDoseInput,
  Dose,
  ReactionOutcome,
  ReactionSeverity,
  ReportReactionInput,
  VoidDoseInput,
} from '../api/contract';
import { useAction } from '../components/async-state';
import { Dialog } from '../components/dialog';
import { SelectField, TextAreaField, TextField } from '../components/form-fields';
import { ErrorNotice } from '../components/notices';
import { formatDate, localDateTimeInputValue, toLocalInputValue, withDeviceOffset } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session/session';

export type DoseAction = { kind: 'void' | 'correct' | 'reaction'; dose: Dose };

const severities = ['mild', 'moderate', 'severe', 'serious'] as const satisfies readonly ReactionSeverity[];
const outcomes = [
  'recovered',
  'recovering',
  'not_recovered',
  'recovered_with_sequelae',
  'fatal',
  'unknown',
] as const satisfies readonly ReactionOutcome[];

export function DoseActionDialog({
  subjectId,
  action,
  onClose,
  onDone,
}: {
  subjectId: string;
  action: DoseAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useLanguage();
  const title = action
    ? t(
        action.kind === 'void'
          ? 'doseAction.voidTitle'
          : action.kind === 'correct'
            ? 'doseAction.correctTitle'
            : 'doseAction.reactionTitle',
        {
          number: action.dose.doseNumber,
          vaccine: action.dose.vaccineName,
          date: formatDate(action.dose.administeredAt.slice(0, 10)),
        },
      )
    : '';
  return (
    <Dialog open={action !== null} title={title} onClose={onClose}>
      {action?.kind === 'void' ? (
        <VoidForm subjectId={subjectId} dose={action.dose} onClose={onClose} onDone={onDone} />
      ) : null}
      {action?.kind === 'correct' ? (
        <CorrectForm subjectId={subjectId} dose={action.dose} onClose={onClose} onDone={onDone} />
      ) : null}
      {action?.kind === 'reaction' ? (
        <ReactionForm subjectId={subjectId} dose={action.dose} onClose={onClose} onDone={onDone} />
      ) : null}
    </Dialog>
  );
}

interface FormProps {
  subjectId: string;
  dose: Dose;
  onClose: () => void;
  onDone: () => void;
}

const dosePath = (subjectId: string, dose: Dose, action: string) =>
  `/subjects/${encodeURIComponent(subjectId)}/doses/${encodeURIComponent(dose.doseId)}/${action}`;

function VoidForm({ subjectId, dose, onClose, onDone }: FormProps) {
  const { t } = useLanguage();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const saving = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await saving.run(() =>
        api.post(dosePath(subjectId, dose, 'void'), { reason: reason.trim() } satisfies VoidDoseInput),
      )
    )
      onDone();
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="explanation">{t('doseAction.voidExplain')}</p>
      <TextAreaField
        label={t('doseAction.reason')}
        hint={t('doseAction.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        autoFocus
        rows={3}
      />
      <ErrorNotice error={saving.error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={saving.busy || reason.trim().length < 3}>
          {t('doseAction.void')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function CorrectForm({ subjectId, dose, onClose, onDone }: FormProps) {
  const { t } = useLanguage();
  const { api } = useSession();
  const [lotNumber, setLotNumber] = useState(dose.lotNumber);
  const [administeredAt, setAdministeredAt] = useState(toLocalInputValue(dose.administeredAt));
  const [doseNumber, setDoseNumber] = useState(String(dose.doseNumber));
  const [reason, setReason] = useState('');
  const saving = useAction();
  const changes: Omit<CorrectDoseInput, 'reason'> = {
    ...(lotNumber.trim() !== dose.lotNumber ? { lotNumber: lotNumber.trim() } : {}),
    ...(administeredAt !== toLocalInputValue(dose.administeredAt)
      ? { administeredAt: withDeviceOffset(administeredAt) }
      : {}),
    ...(Number(doseNumber) !== dose.doseNumber ? { doseNumber: Number(doseNumber) } : {}),
  };
  const changed = Object.keys(changes).length > 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await saving.run(() =>
        api.post(dosePath(subjectId, dose, 'correct'), {
          ...changes,
          reason: reason.trim(),
        } satisfies CorrectDoseInput),
      )
    )
      onDone();
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="row">
        <TextField
          label={t('dose.lot')}
          value={lotNumber}
          onChange={(e) => setLotNumber(e.target.value.toUpperCase())}
          autoFocus
        />
        <TextField
          label={t('dose.administeredAt')}
          type="datetime-local"
          value={administeredAt}
          onChange={(e) => setAdministeredAt(e.target.value)}
        />
        <TextField
          label={t('dose.number')}
          type="number"
          min={1}
          max={20}
          value={doseNumber}
          onChange={(e) => setDoseNumber(e.target.value)}
        />
      </div>
      <TextAreaField
        label={t('doseAction.reason')}
        hint={t('doseAction.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        rows={2}
      />
      <ErrorNotice error={saving.error} />
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={saving.busy || !changed || reason.trim().length < 3}
        >
          {t('doseAction.saveCorrection')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReactionForm({ subjectId, dose, onClose, onDone }: FormProps) {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const [onsetAt, setOnsetAt] = useState(localDateTimeInputValue);
  const [severity, setSeverity] = useState<ReactionSeverity>('mild');
  const [outcome, setOutcome] = useState<ReactionOutcome>('recovering');
  const [description, setDescription] = useState('');
  const saving = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: ReportReactionInput = {
      onsetAt: withDeviceOffset(onsetAt),
      severity,
      outcome,
      description: description.trim(),
    };
    if (await saving.run(() => api.post(dosePath(subjectId, dose, 'reactions'), body))) onDone();
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="row">
        <TextField
          label={t('reaction.onset')}
          type="datetime-local"
          value={onsetAt}
          onChange={(e) => setOnsetAt(e.target.value)}
          required
          autoFocus
        />
        <SelectField
          label={t('reaction.severity')}
          hint={t('reaction.severityHint')}
          value={severity}
          onChange={(e) => setSeverity(e.target.value as ReactionSeverity)}
          options={severities.map((s) => ({ value: s, label: label('severity', s) }))}
        />
        <SelectField
          label={t('reaction.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as ReactionOutcome)}
          options={outcomes.map((o) => ({ value: o, label: label('reactionOutcome', o) }))}
        />
      </div>
      <TextAreaField
        label={t('reaction.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        required
        rows={3}
      />
      <ErrorNotice error={saving.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={saving.busy || description.trim().length < 3}>
          {t('reaction.report')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
