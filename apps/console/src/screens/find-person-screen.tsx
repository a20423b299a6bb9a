/**
 * Finding a person: only by full name with a phone number, or full name with an ID document number (rule R7).
 * Results come masked; opening a record is audited. When nobody is found the person can be registered.
 */
import { useState, type FormEvent } from 'react';
import type { SearchSubjectsInput, SubjectSearchAnswer, SubjectSearchHit } from '../api/contract';
import { useAction } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { SelectField, TextField } from '../components/form-fields';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { formatNumber } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { handOff, remembered } from '../navigation/hand-off';
import { Link, navigate } from '../navigation/router';
import { provinceName } from '../reference/administrative-units';
import { useFacilityLabel } from '../reference/shared-lists';
import { can } from '../session/principal';
import { usePrincipal, useSession } from '../session/session';

type SearchForm = 'phone' | 'idNumber';

interface LastSearch {
  form: SearchForm;
  fullName: string;
  phone: string;
  idNumber: string;
  purpose: string;
  hits: SubjectSearchHit[] | null;
}

export const searchPurposes = [
  'vaccination_visit',
  'record_update',
  'dose_history_check',
  'reaction_follow_up',
] as const;

export function FindPersonScreen() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const facilityLabel = useFacilityLabel();
  const last = remembered.get('find-person') as LastSearch | undefined;
  const [form, setForm] = useState<SearchForm>(last?.form ?? 'phone');
  const [fullName, setFullName] = useState(last?.fullName ?? '');
  const [phone, setPhone] = useState(last?.phone ?? '');
  const [idNumber, setIdNumber] = useState(last?.idNumber ?? '');
  const [purpose, setPurpose] = useState(last?.purpose ?? 'vaccination_visit');
  const [hits, setHits] = useState<SubjectSearchHit[] | null>(last?.hits ?? null);
  const searching = useAction();

  const second = form === 'phone' ? phone.trim() : idNumber.trim();
  const ready = fullName.trim().length >= 2 && second.length >= 3;

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const body: SearchSubjectsInput =
      form === 'phone'
        ? { fullName: fullName.trim(), phone: phone.trim() }
        : { fullName: fullName.trim(), idNumber: idNumber.trim() };
    const result = await searching.run(() =>
      api.post<SubjectSearchAnswer>('/subjects/search', body, {
        headers: { 'x-purpose': purpose },
      }),
    );
    const found = result?.items ?? null;
    setHits(found);
    remembered.set('find-person', {
      form,
      fullName,
      phone,
      idNumber,
      purpose,
      hits: found,
    } satisfies LastSearch);
  };

  const registerNew = () => {
    handOff('/people/new', {
      fullName: fullName.trim(),
      phone: form === 'phone' ? phone.trim() : '',
      idNumber: form === 'idNumber' ? idNumber.trim() : '',
    });
    navigate('/people/new');
  };

  return (
    <Page title={t('find.title')} intro={<p>{t('find.intro')}</p>}>
      <form onSubmit={search} noValidate className="search-form">
        <fieldset>
          <legend>{t('find.by')}</legend>
          <div className="radio">
            <input
              type="radio"
              id="search-by-phone"
              name="search-by"
              checked={form === 'phone'}
              onChange={() => setForm('phone')}
            />
            <label htmlFor="search-by-phone">{t('find.byPhone')}</label>
          </div>
          <div className="radio">
            <input
              type="radio"
              id="search-by-id"
              name="search-by"
              checked={form === 'idNumber'}
              onChange={() => setForm('idNumber')}
            />
            <label htmlFor="search-by-id">{t('find.byId')}</label>
          </div>
        </fieldset>
        <div className="row">
          <TextField
            label={t('person.fullName')}
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            autoComplete="off"
            required
            autoFocus
          />
          {form === 'phone' ? (
            <TextField
              label={t('person.phone')}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              inputMode="tel"
              autoComplete="off"
              required
            />
          ) : (
            <TextField
              label={t('person.idNumber')}
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              autoComplete="off"
              required
            />
          )}
          <SelectField
            label={t('find.purpose')}
            hint={t('find.purposeHint')}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            options={searchPurposes.map((value) => ({ value, label: label('purpose', value) }))}
          />
        </div>
        <ErrorNotice error={searching.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={searching.busy || !ready}>
            {t('find.search')}
          </button>
        </div>
      </form>

      <div aria-live="polite">
        {hits === null ? null : hits.length === 0 ? (
          <div className="empty-result">
            <p>{t('find.nobody')}</p>
            {can.registerPeople(principal) ? (
              <button type="button" className="primary" onClick={registerNew}>
                {t('find.registerNew')}
              </button>
            ) : null}
          </div>
        ) : (
          <DataTable
            caption={t('find.results', { count: formatNumber(hits.length) })}
            columns={[
              {
                header: t('person.fullName'),
                cell: (hit) => <Link to={`/people/${hit.subjectId}`}>{hit.fullName}</Link>,
              },
              { header: t('person.birthYear'), cell: (hit) => hit.birthYear },
              { header: t('person.gender'), cell: (hit) => label('gender', hit.gender) },
              { header: t('person.phone'), cellClassName: 'masked', cell: (hit) => hit.phone },
              {
                header: t('person.idDocument'),
                cellClassName: 'masked',
                cell: (hit) => (
                  <>
                    {hit.idDocument.type} {hit.idDocument.number}
                  </>
                ),
              },
              { header: t('person.province'), cell: (hit) => provinceName(hit.address.provinceCode) },
              { header: t('person.managingFacility'), cell: (hit) => facilityLabel(hit.managingFacilityId) },
              { header: t('person.doses'), cell: (hit) => formatNumber(hit.doseSummary.dosesRecorded) },
            ]}
            rows={hits}
            rowKey={(hit) => hit.subjectId}
            after={
              can.registerPeople(principal) ? (
                <p>
                  <button type="button" onClick={registerNew}>
                    {t('find.notThem')}
                  </button>
                </p>
              ) : null
            }
          />
        )}
      </div>
    </Page>
  );
}
