/**
 * A person's record: profile, managing facility, dose history (voided doses struck through, with their reason),
 * field history, and the actions the signed-in role may take: edit, record a dose, void or correct one, report a
 * reaction, book the person into a vaccination session. Opening it is recorded in the audit trail (rule R8).
 */
import { useState } from 'react';
import type { Dose, Plan, SubjectHistoryEntry, SubjectRecord } from '../api/contract';
import { useAction, useLoad } from '../components/async-state';
import { SelectField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { formatDate, formatDateTime, todayInVietnam } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { remembered } from '../navigation/hand-off';
import { Link, usePlace } from '../navigation/router';
import { districtName, provinceName } from '../reference/administrative-units';
import { useFacilityLabel, useVaccineName } from '../reference/shared-lists';
import { can } from '../session/principal';
import { usePrincipal, useSession } from '../session/session';
import { DoseActionDialog, type DoseAction } from './dose-actions';
import { DoseEntryForm } from './dose-entry-form';
import { ProfileEditDialog } from './profile-edit-dialog';

function purposeOfVisit(): string {
  const last = remembered.get('find-person') as { purpose?: string } | undefined;
  return last?.purpose ?? 'vaccination_visit';
}

export function PersonRecordScreen({ subjectId }: { subjectId: string }) {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const { state } = usePlace();
  const facilityLabel = useFacilityLabel();
  const path = `/subjects/${encodeURIComponent(subjectId)}`;
  const purpose = { headers: { 'x-purpose': purposeOfVisit() } };
  const record = useLoad(() => api.get<SubjectRecord>(path, purpose), [api, path]);
  const doses = useLoad(() => api.get<{ items: Dose[] }>(`${path}/doses`, purpose), [api, path]);
  const history = useLoad(
    () => api.get<{ items: SubjectHistoryEntry[] }>(`${path}/history`, purpose),
    [api, path],
  );
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<DoseAction | null>(null);
  const [saved, setSaved] = useState<string | null>(
    (state as { justRegistered?: boolean } | null)?.justRegistered ? t('record.justRegistered') : null,
  );

  const person = record.data;
  if (!person) {
    return (
      <Page title={t('record.title')}>
        <ErrorNotice error={record.error} />
        {record.loading ? <p aria-busy="true">{t('common.loading')}</p> : null}
      </Page>
    );
  }

  const doseItems = doses.data?.items ?? [];
  // Correcting and voiding belong to the facility that recorded the dose or the one managing the person.
  const mayUpdate = (dose: Dose) =>
    can.updateDoseHistory(principal) &&
    (principal.facilityId === dose.facilityId || principal.facilityId === person.managingFacilityId);

  return (
    <Page
      title={person.fullName}
      intro={
        <p>
          {t('record.subtitle', {
            dob: formatDate(person.dateOfBirth),
            facility: facilityLabel(person.managingFacilityId),
          })}
        </p>
      }
      actions={
        can.editPeople(principal) ? (
          <button type="button" onClick={() => setEditing(true)}>
            {t('record.edit')}
          </button>
        ) : null
      }
    >
      <StatusNotice message={saved} />
      {person.mergedInto ? <p className="notice notice-info">{t('record.mergedInto')}</p> : null}

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t('record.profile')}</h2>
        <dl className="facts">
          <dt>{t('person.dateOfBirth')}</dt>
          <dd>{formatDate(person.dateOfBirth)}</dd>
          <dt>{t('person.gender')}</dt>
          <dd>{label('gender', person.gender)}</dd>
          <dt>{t('person.idDocument')}</dt>
          <dd>
            {label('idType', person.idDocument.type)} {person.idDocument.number}
          </dd>
          <dt>{t('person.phone')}</dt>
          <dd>{person.phone}</dd>
          <dt>{t('person.address')}</dt>
          <dd>
            {[
              person.address.line,
              person.address.wardCode,
              districtName(person.address.provinceCode, person.address.districtCode),
              provinceName(person.address.provinceCode),
            ]
              .filter(Boolean)
              .join(', ')}
          </dd>
          <dt>{t('person.priorityGroup')}</dt>
          <dd>{person.priorityGroup ? label('priorityGroup', person.priorityGroup) : '—'}</dd>
          <dt>{t('person.healthInsurance')}</dt>
          <dd>{person.healthInsuranceNumber ?? '—'}</dd>
          <dt>{t('person.managingFacility')}</dt>
          <dd>
            {facilityLabel(person.managingFacilityId)}
            {principal.facilityId === person.managingFacilityId ? (
              <strong className="tag">{t('record.ownFacility')}</strong>
            ) : null}
          </dd>
          <dt>{t('record.registeredAt')}</dt>
          <dd>
            {formatDateTime(person.registeredAt)} · {facilityLabel(person.creatingFacilityId)}
          </dd>
        </dl>
      </section>

      {can.recordDoses(principal) ? (
        <DoseEntryForm
          subjectId={person.subjectId}
          doses={doseItems}
          focus
          onRecorded={() => {
            setSaved(null);
            doses.reload();
          }}
        />
      ) : null}

      <section aria-labelledby="doses-title">
        <h2 id="doses-title">{t('record.doses')}</h2>
        <ErrorNotice error={doses.error} />
        <div className="table-wrap">
          <table className="doses">
            <caption className="visually-hidden">{t('record.doses')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dose.number')}</th>
                <th scope="col">{t('dose.vaccine')}</th>
                <th scope="col">{t('dose.date')}</th>
                <th scope="col">{t('dose.lot')}</th>
                <th scope="col">{t('dose.facility')}</th>
                <th scope="col">{t('dose.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {doseItems.length === 0 ? (
                <tr>
                  <td colSpan={7}>{t('record.noDoses')}</td>
                </tr>
              ) : (
                doseItems.map((dose) => {
                  const voided = dose.status === 'voided';
                  const Cell = voided ? 'del' : 'span';
                  return (
                    <tr key={dose.doseId} className={voided ? 'voided' : ''}>
                      <td>
                        <Cell>{dose.doseNumber}</Cell>
                      </td>
                      <td>
                        <Cell>{dose.vaccineName}</Cell>
                      </td>
                      <td>
                        <Cell>{formatDateTime(dose.administeredAt)}</Cell>
                      </td>
                      <td>
                        <Cell>{dose.lotNumber}</Cell>
                      </td>
                      <td>
                        <Cell>{facilityLabel(dose.facilityId)}</Cell>
                      </td>
                      <td>
                        {voided ? (
                          <span>{t('dose.voidedBecause', { reason: dose.voidReason ?? '' })}</span>
                        ) : (
                          <span>
                            {t('dose.valid')}
                            {dose.corrections ? ` · ${t('dose.corrected', { count: dose.corrections })}` : ''}
                            {dose.reactions.length
                              ? ` · ${dose.reactions.map((r) => `${t('reaction.short')}: ${label('severity', r.severity)}`).join(', ')}`
                              : ''}
                          </span>
                        )}
                      </td>
                      <td className="row-actions">
                        {!voided && mayUpdate(dose) ? (
                          <>
                            <button type="button" onClick={() => setAction({ kind: 'correct', dose })}>
                              {t('doseAction.correct')}
                              <span className="visually-hidden">
                                {' '}
                                {t('dose.numberN', { number: dose.doseNumber })}
                              </span>
                            </button>
                            <button type="button" onClick={() => setAction({ kind: 'void', dose })}>
                              {t('doseAction.void')}
                              <span className="visually-hidden">
                                {' '}
                                {t('dose.numberN', { number: dose.doseNumber })}
                              </span>
                            </button>
                          </>
                        ) : null}
                        {!voided && can.reportReactions(principal) ? (
                          <button type="button" onClick={() => setAction({ kind: 'reaction', dose })}>
                            {t('reaction.reportShort')}
                            <span className="visually-hidden">
                              {' '}
                              {t('dose.numberN', { number: dose.doseNumber })}
                            </span>
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      </section>

      {can.plan(principal) && principal.facilityId ? (
        <BookIntoSession subjectId={person.subjectId} facilityId={principal.facilityId} />
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('record.fieldHistory')}</h2>
        <ErrorNotice error={history.error} />
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('record.fieldHistory')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('record.change')}</th>
                <th scope="col">{t('record.fields')}</th>
                <th scope="col">{t('record.byFacility')}</th>
                <th scope="col">{t('record.stepUp')}</th>
              </tr>
            </thead>
            <tbody>
              {(history.data?.items ?? []).map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{label('change', entry.change)}</td>
                  <td>{entry.fields.map((field) => label('field', field)).join(', ') || '—'}</td>
                  <td>{facilityLabel(entry.actor.facilityId)}</td>
                  <td>{entry.stepUpUsed ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <p>
        <Link to="/people">{t('record.backToSearch')}</Link>
      </p>

      {editing ? (
        <ProfileEditDialog
          record={person}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(t('edit.saved'));
            record.reload();
            history.reload();
          }}
        />
      ) : null}
      <DoseActionDialog
        subjectId={person.subjectId}
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          doses.reload();
        }}
      />
    </Page>
  );
}

function BookIntoSession({ subjectId, facilityId }: { subjectId: string; facilityId: string }) {
  const { t } = useLanguage();
  const { api } = useSession();
  const vaccineName = useVaccineName();
  const today = todayInVietnam();
  const plans = useLoad(
    () => api.get<{ items: Plan[] }>(`/plans?facilityId=${encodeURIComponent(facilityId)}&from=${today}`),
    [api, facilityId, today],
  );
  const [planId, setPlanId] = useState('');
  const [booked, setBooked] = useState<string | null>(null);
  const booking = useAction();
  const upcoming = plans.data?.items ?? [];
  if (upcoming.length === 0) return null;

  const book = async () => {
    setBooked(null);
    const result = await booking.run(() =>
      api.post(`/plans/${encodeURIComponent(planId)}/subjects`, { subjectIds: [subjectId] }),
    );
    if (result) {
      const plan = upcoming.find((p) => p.planId === planId);
      setBooked(
        t('book.done', { date: formatDate(plan?.date), vaccine: vaccineName(plan?.vaccineCode ?? '') }),
      );
      plans.reloadAfterWrite();
    }
  };

  return (
    <section aria-labelledby="book-title" className="book">
      <h2 id="book-title">{t('book.title')}</h2>
      <div className="row">
        <SelectField label={t('book.session')} value={planId} onChange={(e) => setPlanId(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {upcoming.map((plan) => (
            <option key={plan.planId} value={plan.planId}>
              {t('book.option', {
                date: formatDate(plan.date),
                vaccine: vaccineName(plan.vaccineCode),
                booked: plan.booked,
                capacity: plan.capacity,
              })}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={booking.error} />
      <StatusNotice message={booked} />
      <div className="actions">
        <button type="button" onClick={() => void book()} disabled={!planId || booking.busy}>
          {t('book.submit')}
        </button>
      </div>
    </section>
  );
}
