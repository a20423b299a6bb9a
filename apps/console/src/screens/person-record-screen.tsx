/**
 * A person's record: profile, managing facility, dose history (voided doses struck through, with their reason),
 * field history, and the actions the signed-in role may take: edit, record a dose, void or correct one, report a
 * reaction, book the person into a vaccination session. Opening it is recorded in the audit trail (rule R8).
 * A record another facility manages opens only once the user has chosen why (the services answer
 * `purpose_required` until an `X-Purpose` from their fixed list is sent); the own facility's records open at once.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import type {
  BookSubjectsInput,
  Dose,
  DoseHistory,
  PlanList,
  PlansQuery,
  SubjectHistory,
  SubjectRecord,
} from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction, useLoad } from '../components/async-state';
import { DataTable } from '../components/data-table';
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

/** The reasons the services accept for reading another facility's record (X-Purpose). */
export const readPurposes = ['vaccination', 'correction', 'transfer', 'audit', 'other'] as const;
type ReadPurpose = (typeof readPurposes)[number];

/** The reason chosen for a record is kept while the user stays on it (and comes back to it). */
function rememberedPurpose(subjectId: string): ReadPurpose | null {
  const chosen = remembered.get('record-purpose') as { subjectId: string; purpose: ReadPurpose } | undefined;
  return chosen?.subjectId === subjectId ? chosen.purpose : null;
}

const needsPurpose = (error: ApiError | null) => error?.code === 'purpose_required';

/** A voided dose stays in the list, struck through, so the record shows what was once entered. */
function DoseText({ dose, children }: { dose: Dose; children: ReactNode }) {
  return dose.status === 'voided' ? <del>{children}</del> : <span>{children}</span>;
}

export function PersonRecordScreen({ subjectId }: { subjectId: string }) {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const { state } = usePlace();
  const facilityLabel = useFacilityLabel();
  const path = `/subjects/${encodeURIComponent(subjectId)}`;
  const [purpose, setPurpose] = useState<ReadPurpose | null>(() => rememberedPurpose(subjectId));
  const withPurpose = purpose ? { headers: { 'x-purpose': purpose } } : undefined;
  const record = useLoad(() => api.get<SubjectRecord>(path, withPurpose), [api, path, purpose]);
  const doses = useLoad(() => api.get<DoseHistory>(`${path}/doses`, withPurpose), [api, path, purpose]);
  const history = useLoad(
    () => api.get<SubjectHistory>(`${path}/history`, withPurpose),
    [api, path, purpose],
  );
  const choosePurpose = (chosen: ReadPurpose) => {
    remembered.set('record-purpose', { subjectId, purpose: chosen });
    setPurpose(chosen);
  };
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<DoseAction | null>(null);
  const [saved, setSaved] = useState<string | null>(
    (state as { justRegistered?: boolean } | null)?.justRegistered ? t('record.justRegistered') : null,
  );

  const person = record.data;
  if (!person && needsPurpose(record.error)) {
    return (
      <Page title={t('record.purposeTitle')}>
        <PurposeChoice onChosen={choosePurpose} />
      </Page>
    );
  }
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
        {needsPurpose(doses.error) ? <PurposeChoice onChosen={choosePurpose} /> : <ErrorNotice error={doses.error} />}
        <DataTable
          className="doses"
          caption={t('record.doses')}
          captionHidden
          columns={[
            { header: t('dose.number'), cell: (dose) => <DoseText dose={dose}>{dose.doseNumber}</DoseText> },
            {
              header: t('dose.vaccine'),
              cell: (dose) => <DoseText dose={dose}>{dose.vaccineName}</DoseText>,
            },
            {
              header: t('dose.date'),
              cell: (dose) => <DoseText dose={dose}>{formatDateTime(dose.administeredAt)}</DoseText>,
            },
            { header: t('dose.lot'), cell: (dose) => <DoseText dose={dose}>{dose.lotNumber}</DoseText> },
            {
              header: t('dose.facility'),
              cell: (dose) => <DoseText dose={dose}>{facilityLabel(dose.facilityId)}</DoseText>,
            },
            {
              header: t('dose.status'),
              cell: (dose) =>
                dose.status === 'voided' ? (
                  <span>{t('dose.voidedBecause', { reason: dose.voidReason ?? '' })}</span>
                ) : (
                  <span>
                    {t('dose.valid')}
                    {dose.corrections ? ` · ${t('dose.corrected', { count: dose.corrections })}` : ''}
                    {dose.reactions.length
                      ? ` · ${dose.reactions.map((r) => `${t('reaction.short')}: ${label('severity', r.severity)}`).join(', ')}`
                      : ''}
                  </span>
                ),
            },
            {
              header: <span className="visually-hidden">{t('common.actions')}</span>,
              cellClassName: 'row-actions',
              cell: (dose) => {
                const voided = dose.status === 'voided';
                return (
                  <>
                    {!voided && mayUpdate(dose) ? (
                      <>
                        <DoseActionButton dose={dose} label={t('doseAction.correct')} onClick={() => setAction({ kind: 'correct', dose })} />
                        <DoseActionButton dose={dose} label={t('doseAction.void')} onClick={() => setAction({ kind: 'void', dose })} />
                      </>
                    ) : null}
                    {!voided && can.reportReactions(principal) ? (
                      <DoseActionButton dose={dose} label={t('reaction.reportShort')} onClick={() => setAction({ kind: 'reaction', dose })} />
                    ) : null}
                  </>
                );
              },
            },
          ]}
          rows={doseItems}
          rowKey={(dose) => dose.doseId}
          rowClassName={(dose) => (dose.status === 'voided' ? 'voided' : '')}
          empty={t('record.noDoses')}
        />
      </section>

      {can.plan(principal) && principal.facilityId ? (
        <BookIntoSession subjectId={person.subjectId} facilityId={principal.facilityId} />
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('record.fieldHistory')}</h2>
        {needsPurpose(history.error) ? <PurposeChoice onChosen={choosePurpose} /> : <ErrorNotice error={history.error} />}
        <DataTable
          caption={t('record.fieldHistory')}
          captionHidden
          columns={[
            { header: t('history.when'), cell: (entry) => formatDateTime(entry.at) },
            { header: t('record.change'), cell: (entry) => label('change', entry.change) },
            {
              header: t('record.fields'),
              cell: (entry) => entry.fields.map((field) => label('field', field)).join(', ') || '—',
            },
            { header: t('record.byFacility'), cell: (entry) => facilityLabel(entry.actor.facilityId) },
            {
              header: t('record.stepUp'),
              cell: (entry) => (entry.stepUpUsed ? t('common.yes') : t('common.no')),
            },
          ]}
          rows={history.data?.items ?? []}
          rowKey={(entry, index) => `${entry.at}-${index}`}
        />
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

/** Asks why another facility's record is opened; the choice goes with every read of it as X-Purpose. */
function PurposeChoice({ onChosen }: { onChosen: (purpose: ReadPurpose) => void }) {
  const { t, label } = useLanguage();
  const [choice, setChoice] = useState<ReadPurpose | ''>('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice) onChosen(choice);
  };
  return (
    <form className="purpose-choice" onSubmit={submit}>
      <p className="notice notice-info">{t('record.purposeWhy')}</p>
      <SelectField
        label={t('record.purpose')}
        value={choice}
        required
        onChange={(e) => setChoice(e.target.value as ReadPurpose | '')}
        placeholder={t('form.choose')}
        options={readPurposes.map((value) => ({ value, label: label('purpose', value) }))}
      />
      <div className="actions">
        <button type="submit" disabled={!choice}>
          {t('record.purposeOpen')}
        </button>
      </div>
    </form>
  );
}

function BookIntoSession({ subjectId, facilityId }: { subjectId: string; facilityId: string }) {
  const { t } = useLanguage();
  const { api } = useSession();
  const vaccineName = useVaccineName();
  const today = todayInVietnam();
  const plans = useLoad(
    () => api.get<PlanList>(`/plans?${queryString({ facilityId, from: today } satisfies PlansQuery)}`),
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
      api.post(`/plans/${encodeURIComponent(planId)}/subjects`, { subjectIds: [subjectId] } satisfies BookSubjectsInput),
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

/** An action on one dose row; screen readers hear which dose it acts on. */
function DoseActionButton({ dose, label, onClick }: { dose: { doseNumber: number }; label: string; onClick: () => void }) {
  const { t } = useLanguage();
  return (
    <button type="button" onClick={onClick}>
      {label}
      <span className="visually-hidden"> {t('dose.numberN', { number: dose.doseNumber })}</span>
    </button>
  );
}
