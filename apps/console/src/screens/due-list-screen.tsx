/**
 * The facility's due list: who may get their next dose on a day, and who is overdue. Choose a session once,
 * then one click books a person into it.
 */
import { useState } from 'react';
import type { BookSubjectsInput, DueItem, DueList, DueQuery, PlanList, PlansQuery } from '../api/contract';
import { queryString } from '../api/query-string';
import { asApiError, type ApiError } from '../api/api-error';
import { useLoad } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { SelectField, TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { formatDate, todayInVietnam } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { useVaccineName } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';

/** The status filter: either value the document allows, or '' for both. */
type DueStatusChoice = NonNullable<DueQuery['status']> | '';

export function DueListScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const vaccineName = useVaccineName();
  const facilityId = principal.facilityId ?? '';
  const [on, setOn] = useState(todayInVietnam());
  const [status, setStatus] = useState<DueStatusChoice>('');
  const [planId, setPlanId] = useState('');
  const [booked, setBooked] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [bookingError, setBookingError] = useState<ApiError | null>(null);

  const query = queryString({ on, limit: 100, status: status || undefined } satisfies DueQuery);
  const list = useLoad(() => api.get<DueList>(`/facilities/${encodeURIComponent(facilityId)}/due?${query}`), [api, facilityId, query]);
  const plans = useLoad(
    () => api.get<PlanList>(`/plans?${queryString({ facilityId, from: on } satisfies PlansQuery)}`),
    [api, facilityId, on],
  );
  const chosenPlan = plans.data?.items.find((p) => p.planId === planId) ?? null;

  const book = async (item: DueItem) => {
    if (!chosenPlan) return;
    setBookingError(null);
    try {
      await api.post(`/plans/${encodeURIComponent(chosenPlan.planId)}/subjects`, {
        subjectIds: [item.subjectId],
      } satisfies BookSubjectsInput);
      setBooked(new Set([...booked, item.subjectId]));
      setNotice(t('due.bookedNotice', { name: item.fullName ?? item.subjectId, date: formatDate(chosenPlan.date) }));
      plans.reload();
    } catch (caught) {
      setBookingError(asApiError(caught));
    }
  };

  const items = list.data?.items ?? [];
  return (
    <Page title={t('due.title')} intro={<p>{t('due.intro')}</p>}>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <TextField label={t('due.on')} type="date" value={on} onChange={(e) => setOn(e.target.value)} />
          <SelectField
            label={t('due.status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as DueStatusChoice)}
            options={[
              { value: '', label: t('due.statusAll') },
              { value: 'due', label: t('due.status.due') },
              { value: 'overdue', label: t('due.status.overdue') },
            ]}
          />
          <SelectField
            label={t('due.bookInto')}
            value={planId}
            onChange={(e) => setPlanId(e.target.value)}
            placeholder={t('due.choosePlan')}
            options={(plans.data?.items ?? []).map((p) => ({
              value: p.planId,
              label: t('due.planOption', { date: formatDate(p.date), vaccine: vaccineName(p.vaccineCode), free: String(p.capacity - p.booked) }),
            }))}
          />
        </div>
      </form>
      <ErrorNotice error={list.error ?? bookingError} />
      <StatusNotice message={notice} />
      <DataTable
        caption={t('due.caption', { date: formatDate(on), count: String(items.length) })}
        columns={[
          { header: t('due.person'), cell: (item) => item.fullName ?? t('due.nameUnknown') },
          { header: t('due.nextDose'), cell: (item) => `${t('dose.numberN', { number: item.nextDoseNumber })}${item.booster ? ` (${t('due.booster')})` : ''}` },
          { header: t('dose.vaccine'), cell: (item) => vaccineName(item.vaccineCode) },
          { header: t('due.earliest'), cell: (item) => formatDate(item.earliest) },
          { header: t('due.recommended'), cell: (item) => formatDate(item.recommended) },
          { header: t('due.overdueFrom'), cell: (item) => formatDate(item.overdueFrom) },
          {
            header: t('due.status'),
            cell: (item) => <span className={`badge badge-${item.status}`}>{t(item.status === 'overdue' ? 'due.status.overdue' : 'due.status.due')}</span>,
          },
          {
            header: <span className="visually-hidden">{t('common.actions')}</span>,
            cellClassName: 'row-actions',
            cell: (item) =>
              booked.has(item.subjectId) || (item.bookedOn !== null && item.bookedOn >= on) ? (
                <span>{t('due.alreadyBooked')}</span>
              ) : (
                <button type="button" disabled={!chosenPlan} onClick={() => void book(item)} title={chosenPlan ? undefined : t('due.choosePlanFirst')}>
                  {t('due.book')}
                </button>
              ),
          },
        ]}
        rows={items}
        rowKey={(item) => `${item.subjectId}-${item.seriesGroup}`}
        rowClassName={(item) => (item.status === 'overdue' ? 'row-overdue' : '')}
        empty={list.loading ? t('common.loading') : t('due.none')}
      />
    </Page>
  );
}
