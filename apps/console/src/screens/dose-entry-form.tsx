/**
 * Recording a dose in as few keystrokes as possible: vaccine, lot and injection site are remembered for the
 * session, the time is now, the dose number is suggested from the history, and today's session of the facility
 * for that vaccine is picked when there is one. With all that filled in, Enter records the dose.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type {
  Dose,
  InjectionSite,
  PlanList,
  PlansQuery,
  RecordDoseInput,
  RecordedDose,
  VaccineProduct,
} from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction, useLoad } from '../components/async-state';
import { SelectField, TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { localDateTimeInputValue, todayInVietnam, withDeviceOffset } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { useVaccines } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';

const memoryKey = 'vaxledger.dose-entry';

interface Remembered {
  vaccineCode: string;
  lotNumber: string;
  site: InjectionSite | '';
}

function recall(): Remembered {
  try {
    const saved = {
      vaccineCode: '',
      lotNumber: '',
      site: '',
      ...JSON.parse(sessionStorage.getItem(memoryKey) ?? '{}'),
    };
    // A site remembered from an older console, or edited by hand, is not one the document allows: forget it.
    const site = injectionSites.find((s) => s === saved.site) ?? '';
    return { vaccineCode: saved.vaccineCode, lotNumber: saved.lotNumber, site };
  } catch {
    return { vaccineCode: '', lotNumber: '', site: '' };
  }
}

function remember(value: Remembered) {
  try {
    sessionStorage.setItem(memoryKey, JSON.stringify(value));
  } catch {
    // Without storage the form simply starts empty next time.
  }
}

export const injectionSites: readonly InjectionSite[] = ['LD', 'RD', 'LA', 'RA', 'LT', 'RT', 'LVL', 'RVL'];

/** The next dose number of the vaccine's series (products of one series group share the count), or null when complete. */
export function suggestedDoseNumber(
  vaccine: VaccineProduct | undefined,
  doses: Dose[],
): { next: number; complete: boolean } | null {
  if (!vaccine) return null;
  const taken = doses
    .filter((d) => d.status === 'completed' && d.seriesGroup === vaccine.seriesGroup)
    .map((d) => d.doseNumber);
  const next = (taken.length ? Math.max(...taken) : 0) + 1;
  const limit = vaccine.primarySeries.doses + (vaccine.booster?.doses ?? 0);
  return { next, complete: next > limit };
}

export function DoseEntryForm({
  subjectId,
  doses,
  focus,
  onRecorded,
}: {
  subjectId: string;
  doses: Dose[];
  focus: boolean;
  onRecorded: () => void;
}) {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const vaccines = useVaccines();
  const [memory] = useState(recall);
  const [vaccineCode, setVaccineCode] = useState(memory.vaccineCode);
  const [lotNumber, setLotNumber] = useState(memory.lotNumber);
  const [site, setSite] = useState(memory.site);
  const [administeredAt, setAdministeredAt] = useState(localDateTimeInputValue);
  const [doseNumber, setDoseNumber] = useState('');
  const [doseNumberEdited, setDoseNumberEdited] = useState(false);
  const [planId, setPlanId] = useState('');
  const [recorded, setRecorded] = useState<string | null>(null);
  const saving = useAction();
  const today = todayInVietnam();

  const todaysPlans = useLoad(
    () =>
      principal.facilityId
        ? api.get<PlanList>(
            `/plans?${queryString({ facilityId: principal.facilityId, from: today, to: today } satisfies PlansQuery)}`,
          )
        : Promise.resolve<PlanList>({ items: [] }),
    [api, principal.facilityId, today],
  );
  const plansForVaccine = useMemo(
    () => (todaysPlans.data?.items ?? []).filter((p) => p.vaccineCode === vaccineCode),
    [todaysPlans.data, vaccineCode],
  );

  const vaccine = vaccines.find((v) => v.code === vaccineCode);
  const suggestion = suggestedDoseNumber(vaccine, doses);

  useEffect(() => {
    if (!doseNumberEdited) setDoseNumber(suggestion && !suggestion.complete ? String(suggestion.next) : '');
  }, [suggestion?.next, suggestion?.complete, doseNumberEdited]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    // One session today for this vaccine: the person almost certainly came to it.
    setPlanId(plansForVaccine.length === 1 ? plansForVaccine[0].planId : '');
  }, [plansForVaccine]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRecorded(null);
    // The button waits for a facility; Enter in a field does not, and a dose is always recorded at one.
    if (!principal.facilityId) return;
    const body: RecordDoseInput = {
      vaccineCode,
      lotNumber: lotNumber.trim(),
      administeredAt: withDeviceOffset(administeredAt),
      facilityId: principal.facilityId,
      ...(planId ? { planId } : {}),
      ...(doseNumberEdited && doseNumber ? { doseNumber: Number(doseNumber) } : {}),
      ...(site ? { site } : {}),
    };
    const result = await saving.run(() =>
      api.post<RecordedDose>(`/subjects/${encodeURIComponent(subjectId)}/doses`, body),
    );
    if (result) {
      remember({ vaccineCode, lotNumber: lotNumber.trim(), site });
      setRecorded(t('dose.recorded', { number: result.doseNumber, vaccine: vaccine?.name ?? vaccineCode }));
      setDoseNumberEdited(false);
      setAdministeredAt(localDateTimeInputValue());
      onRecorded();
    }
  };

  const ready = vaccineCode && lotNumber.trim() && administeredAt && principal.facilityId;

  return (
    <form onSubmit={submit} noValidate className="dose-entry" aria-labelledby="dose-entry-title">
      <h2 id="dose-entry-title">{t('dose.entryTitle')}</h2>
      <div className="row">
        <SelectField
          label={t('dose.vaccine')}
          value={vaccineCode}
          onChange={(e) => setVaccineCode(e.target.value)}
          required
          placeholder={t('form.choose')}
          options={vaccines.map((v) => ({ value: v.code, label: v.name }))}
        />
        <TextField
          label={t('dose.lot')}
          hint={memory.lotNumber && lotNumber === memory.lotNumber ? t('dose.lotRemembered') : undefined}
          value={lotNumber}
          onChange={(e) => setLotNumber(e.target.value.toUpperCase())}
          autoComplete="off"
          spellCheck={false}
          required
          autoFocus={focus}
          onFocus={(e) => e.target.select()}
        />
        <TextField
          label={t('dose.administeredAt')}
          type="datetime-local"
          value={administeredAt}
          onChange={(e) => setAdministeredAt(e.target.value)}
          required
        />
        <TextField
          label={t('dose.number')}
          hint={
            suggestion
              ? suggestion.complete
                ? t('dose.seriesComplete')
                : t('dose.suggested', { number: suggestion.next })
              : undefined
          }
          type="number"
          min={1}
          max={20}
          value={doseNumber}
          onChange={(e) => {
            setDoseNumber(e.target.value);
            setDoseNumberEdited(true);
          }}
        />
      </div>
      <div className="row">
        <SelectField
          label={t('dose.site')}
          value={site}
          onChange={(e) => setSite(e.target.value as InjectionSite | '')}
        >
          <option value="">{t('form.optional')}</option>
          {injectionSites.map((s) => (
            <option key={s} value={s}>
              {label('site', s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('dose.plan')}
          hint={t('dose.planHint')}
          value={planId}
          onChange={(e) => setPlanId(e.target.value)}
        >
          <option value="">{t('dose.noPlan')}</option>
          {plansForVaccine.map((p) => (
            <option key={p.planId} value={p.planId}>
              {t('dose.planOption', {
                vaccine: vaccine?.name ?? p.vaccineCode,
                booked: p.booked,
                capacity: p.capacity,
              })}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={saving.error} />
      <StatusNotice message={recorded} />
      <div className="actions">
        <button type="submit" className="primary" disabled={saving.busy || !ready}>
          {t('dose.record')}
        </button>
      </div>
    </form>
  );
}
