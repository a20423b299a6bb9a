/** Vaccination sessions (plans) of a facility: planning one, who is booked, who came and who did not. */
import { useState, type FormEvent } from 'react';
import type {
  CreatedPlan,
  CreatePlanInput,
  FacilitySubjectsPage,
  PlanAttendance,
  PlanList,
  PlansQuery,
} from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction, useLoad } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { SelectField, TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { addDays, formatDate, formatNumber, todayInVietnam } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { Link } from '../navigation/router';
import { useFacilities, useFacilityLabel, useVaccineName, useVaccines } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';

export function PlansScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const facilities = useFacilities();
  const facilityLabel = useFacilityLabel();
  const vaccineName = useVaccineName();
  const vaccines = useVaccines();
  const today = todayInVietnam();
  const [facilityId, setFacilityId] = useState(principal.facilityId ?? '');
  const [from, setFrom] = useState(addDays(today, -7));
  const [to, setTo] = useState(addDays(today, 30));
  const query = queryString({ facilityId, from, to } satisfies PlansQuery);
  const plans = useLoad(() => api.get<PlanList>(`/plans?${query}`), [api, query]);

  const [date, setDate] = useState(today);
  const [vaccineCode, setVaccineCode] = useState('');
  const [capacity, setCapacity] = useState('100');
  const [created, setCreated] = useState<string | null>(null);
  const creating = useAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const result = await creating.run(() =>
      api.post<CreatedPlan>('/plans', {
        facilityId,
        date,
        vaccineCode,
        capacity: Number(capacity),
      } satisfies CreatePlanInput),
    );
    if (result) {
      setCreated(t('plans.created', { date: formatDate(date), vaccine: vaccineName(vaccineCode) }));
      // Shown at once; the list read afterwards confirms it.
      plans.setData({
        items: [
          ...(plans.data?.items ?? []),
          {
            planId: result.planId,
            facilityId,
            provinceCode: principal.provinceCode,
            date,
            vaccineCode,
            capacity: Number(capacity),
            booked: 0,
          },
        ],
      });
      plans.reloadAfterWrite();
    }
  };

  return (
    <Page title={t('plans.title')} intro={<p>{t('plans.intro')}</p>}>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          {principal.facilityId ? null : (
            <SelectField
              label={t('plans.facility')}
              value={facilityId}
              onChange={(e) => setFacilityId(e.target.value)}
              placeholder={t('plans.allFacilities')}
              options={facilities.map((f) => ({ value: f.id, label: `${f.name} (${f.code})` }))}
            />
          )}
          <TextField
            label={t('common.from')}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <TextField label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </form>
      <ErrorNotice error={plans.error} />
      <DataTable
        caption={t('plans.listCaption')}
        columns={[
          {
            header: t('plans.date'),
            cell: (plan) => <Link to={`/plans/${plan.planId}`}>{formatDate(plan.date)}</Link>,
          },
          { header: t('dose.vaccine'), cell: (plan) => vaccineName(plan.vaccineCode) },
          { header: t('plans.facility'), cell: (plan) => facilityLabel(plan.facilityId) },
          { header: t('plans.booked'), cell: (plan) => formatNumber(plan.booked) },
          { header: t('plans.capacity'), cell: (plan) => formatNumber(plan.capacity) },
        ]}
        rows={plans.data?.items ?? []}
        rowKey={(plan) => plan.planId}
        empty={t('plans.none')}
      />

      {facilityId ? (
        <form onSubmit={create} noValidate className="panel" aria-labelledby="new-plan-title">
          <h2 id="new-plan-title">{t('plans.new')}</h2>
          <div className="row">
            <TextField
              label={t('plans.date')}
              type="date"
              min={today}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              required
            />
            <SelectField
              label={t('dose.vaccine')}
              value={vaccineCode}
              onChange={(e) => setVaccineCode(e.target.value)}
              required
              placeholder={t('form.choose')}
              options={vaccines.map((v) => ({ value: v.code, label: v.name }))}
            />
            <TextField
              label={t('plans.capacity')}
              type="number"
              min={1}
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
              required
            />
          </div>
          <ErrorNotice error={creating.error} />
          <StatusNotice message={created} />
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={creating.busy || !vaccineCode || !date || Number(capacity) < 1}
            >
              {t('plans.create')}
            </button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}

export function PlanScreen({ planId }: { planId: string }) {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const facilityLabel = useFacilityLabel();
  const vaccineName = useVaccineName();
  const plan = useLoad(() => api.get<PlanAttendance>(`/plans/${encodeURIComponent(planId)}`), [api, planId]);
  const facilityId = plan.data?.facilityId;
  // Names of the people the facility manages (one audited list read), so the list is not only ids.
  const names = useLoad(
    () =>
      facilityId
        ? api.get<FacilitySubjectsPage>(`/facilities/${encodeURIComponent(facilityId)}/subjects?limit=200`, {
            headers: { 'x-purpose': 'session_attendance' },
          })
        : Promise.resolve<FacilitySubjectsPage>({ items: [], next: null }),
    [api, facilityId],
  );
  const nameOf = (subjectId: string) => {
    const known = names.data?.items.find((s) => s.subjectId === subjectId);
    return known
      ? `${known.fullName} (${known.birthYear})`
      : t('plans.personId', { id: subjectId.slice(-8) });
  };

  const data = plan.data;
  if (!data) {
    return (
      <Page title={t('plans.session')}>
        <ErrorNotice error={plan.error} />
      </Page>
    );
  }
  const came = data.booked.filter((b) => b.status === 'vaccinated').length;
  return (
    <Page
      title={t('plans.sessionTitle', { date: formatDate(data.date), vaccine: vaccineName(data.vaccineCode) })}
      intro={
        <p>
          {t('plans.sessionIntro', {
            facility: facilityLabel(data.facilityId),
            booked: data.booked.length,
            capacity: data.capacity,
            came,
          })}
        </p>
      }
    >
      <DataTable
        caption={t('plans.bookedCaption')}
        columns={[
          {
            header: t('person.fullName'),
            cell: (b) => <Link to={`/people/${b.subjectId}`}>{nameOf(b.subjectId)}</Link>,
          },
          { header: t('plans.attendance'), cell: (b) => label('attendance', b.status) },
          { header: t('dose.number'), cell: (b) => b.doseNumber ?? '—' },
        ]}
        rows={data.booked}
        rowKey={(b) => b.subjectId}
        rowClassName={(b) => (b.status === 'did_not_attend' ? 'row-warning' : '')}
        empty={t('plans.nobodyBooked')}
      />
      {data.walkIns.length ? (
        <DataTable
          caption={t('plans.walkIns')}
          columns={[
            {
              header: t('person.fullName'),
              cell: (w) => <Link to={`/people/${w.subjectId}`}>{nameOf(w.subjectId)}</Link>,
            },
            { header: t('dose.number'), cell: (w) => w.doseNumber },
          ]}
          rows={data.walkIns}
          rowKey={(w) => w.subjectId}
        />
      ) : null}
      <p>
        <Link to="/plans">{t('plans.back')}</Link>
      </p>
    </Page>
  );
}
