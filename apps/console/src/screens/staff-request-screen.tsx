/**
 * A facility admin sends the list of staff who should get accounts (typed in, or a CSV file) and follows each
 * list as the province reviews it (rule R4).
 */
import { useRef, useState, type FormEvent } from 'react';
import type {
  AccountRequest,
  AccountRequestList,
  AccountRequestsQuery,
  AccountRequestSubmitted,
  Gender,
  Right,
  StaffMember,
  SubmitAccountRequestCsvInput,
  SubmitAccountRequestInput,
} from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction, useLoad } from '../components/async-state';
import { CheckboxField, SelectField, TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { formatDateTime } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { useFacilityLabel } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';

export const grantableRights: Right[] = ['data_entry', 'dose_history_update', 'subject_management'];

const emptyMember = (): StaffMember => ({
  fullName: '',
  gender: 'female',
  unit: '',
  position: '',
  email: '',
  phone: '',
  username: '',
  rights: ['data_entry'],
});

const csvTemplate =
  'fullName,gender,unit,position,email,phone,username,rights\n' +
  'Nguyễn Thị Lan,female,Tiêm chủng,Điều dưỡng,lan@tramyte.example.vn,0912345678,lan.nguyen,data_entry|subject_management';

export function RequestStatusList({ requests }: { requests: AccountRequest[] }) {
  const { t, label } = useLanguage();
  const facilityLabel = useFacilityLabel();
  if (requests.length === 0) return <p>{t('staff.noRequests')}</p>;
  return (
    <>
      {requests.map((request) => (
        <article key={request.requestId} className="request-card">
          <h3>
            {t('staff.requestOf', {
              date: formatDateTime(request.submittedAt),
              facility: facilityLabel(request.facilityId),
            })}{' '}
            <span className={`status status-${request.status}`}>
              {label('requestStatus', request.status)}
            </span>
          </h3>
          {request.rejectionReason ? (
            <p>{t('staff.rejectedBecause', { reason: request.rejectionReason })}</p>
          ) : null}
          <ul>
            {request.items.map((item) => (
              <li key={item.index}>
                {item.fullName} ({item.username}) — {item.rights.map((r) => label('right', r)).join(', ')} —{' '}
                <strong>{label('itemStatus', item.status)}</strong>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </>
  );
}

export function StaffRequestScreen() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const facilityId = principal.facilityId ?? '';
  const requests = useLoad(
    () =>
      api.get<AccountRequestList>(
        `/account-requests?${queryString({ facilityId } satisfies AccountRequestsQuery)}`,
      ),
    [api, facilityId],
  );
  const [staff, setStaff] = useState<StaffMember[]>([emptyMember()]);
  const [sent, setSent] = useState<string | null>(null);
  const sending = useAction();
  const uploading = useAction();
  const fileInput = useRef<HTMLInputElement>(null);

  const update = (index: number, change: Partial<StaffMember>) =>
    setStaff((list) => list.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const toggleRight = (index: number, right: Right, on: boolean) =>
    update(index, {
      rights: on ? [...staff[index].rights, right] : staff[index].rights.filter((r) => r !== right),
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const result = await sending.run(() =>
      api.post<AccountRequestSubmitted>('/account-requests', {
        facilityId,
        staff: staff.map((m) => ({ ...m, username: m.username.trim().toLowerCase() })),
      } satisfies SubmitAccountRequestInput),
    );
    if (result) {
      setSent(t('staff.sent', { count: staff.length }));
      setStaff([emptyMember()]);
      requests.reloadAfterWrite();
    }
  };

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return;
    const csv = await file.text();
    const result = await uploading.run(() =>
      api.post<AccountRequestSubmitted>('/account-requests/csv', {
        facilityId,
        csv,
      } satisfies SubmitAccountRequestCsvInput),
    );
    if (result) {
      setSent(t('staff.sentFile', { name: file.name }));
      if (fileInput.current) fileInput.current.value = '';
      requests.reloadAfterWrite();
    }
  };

  const invalid = sending.error?.invalidFields ?? [];
  const problemAt = (index: number, field: string) =>
    invalid.includes(`staff.${index}.${field}`) ? t('form.invalid') : null;

  return (
    <Page title={t('staff.title')} intro={<p>{t('staff.intro')}</p>}>
      <StatusNotice message={sent} />
      <form onSubmit={submit} noValidate>
        <h2>{t('staff.byForm')}</h2>
        {staff.map((member, index) => (
          <fieldset key={index} className="staff-member">
            <legend>{t('staff.person', { number: index + 1 })}</legend>
            <div className="row">
              <TextField
                label={t('person.fullName')}
                value={member.fullName}
                onChange={(e) => update(index, { fullName: e.target.value })}
                required
                problem={problemAt(index, 'fullName')}
              />
              <SelectField
                label={t('person.gender')}
                value={member.gender}
                onChange={(e) => update(index, { gender: e.target.value as Gender })}
                options={(['female', 'male', 'other'] as const).map((g) => ({
                  value: g,
                  label: label('gender', g),
                }))}
              />
              <TextField
                label={t('staff.unit')}
                value={member.unit}
                onChange={(e) => update(index, { unit: e.target.value })}
                required
                problem={problemAt(index, 'unit')}
              />
              <TextField
                label={t('staff.position')}
                value={member.position}
                onChange={(e) => update(index, { position: e.target.value })}
                required
                problem={problemAt(index, 'position')}
              />
            </div>
            <div className="row">
              <TextField
                label={t('staff.email')}
                type="email"
                value={member.email}
                onChange={(e) => update(index, { email: e.target.value })}
                required
                problem={problemAt(index, 'email')}
              />
              <TextField
                label={t('person.phone')}
                inputMode="tel"
                value={member.phone}
                onChange={(e) => update(index, { phone: e.target.value })}
                required
                problem={problemAt(index, 'phone')}
              />
              <TextField
                label={t('staff.username')}
                hint={t('staff.usernameHint')}
                value={member.username}
                onChange={(e) => update(index, { username: e.target.value })}
                autoCapitalize="none"
                required
                problem={problemAt(index, 'username')}
              />
            </div>
            <fieldset className="inline">
              <legend>{t('staff.rights')}</legend>
              {grantableRights.map((right) => (
                <CheckboxField
                  key={right}
                  label={label('right', right)}
                  checked={member.rights.includes(right)}
                  onChange={(e) => toggleRight(index, right, e.target.checked)}
                />
              ))}
            </fieldset>
            {staff.length > 1 ? (
              <button type="button" onClick={() => setStaff((list) => list.filter((_, i) => i !== index))}>
                {t('staff.remove', { number: index + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        <ErrorNotice error={sending.error} />
        <div className="actions">
          <button type="button" onClick={() => setStaff((list) => [...list, emptyMember()])}>
            {t('staff.addPerson')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={sending.busy || staff.some((m) => m.rights.length === 0)}
          >
            {t('staff.send')}
          </button>
        </div>
      </form>

      <form onSubmit={upload} noValidate className="panel">
        <h2>{t('staff.byFile')}</h2>
        <p>{t('staff.fileIntro')}</p>
        <pre className="template" aria-label={t('staff.template')}>
          {csvTemplate}
        </pre>
        <div className="field">
          <label htmlFor="staff-csv">{t('staff.file')}</label>
          <input id="staff-csv" ref={fileInput} type="file" accept=".csv,text/csv" />
        </div>
        <ErrorNotice error={uploading.error} />
        <div className="actions">
          <button type="submit" disabled={uploading.busy}>
            {t('staff.sendFile')}
          </button>
        </div>
      </form>

      <h2>{t('staff.requests')}</h2>
      <ErrorNotice error={requests.error} />
      <RequestStatusList requests={requests.data?.items ?? []} />
    </Page>
  );
}
