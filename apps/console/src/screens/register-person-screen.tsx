/** Registering a new person, usually straight after a search that found nobody (its terms fill the form). */
import { useState, type FormEvent } from 'react';
import type { RegisteredSubject } from '../api/contract';
import { useAction } from '../components/async-state';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { useLanguage } from '../i18n/language';
import { receive, remembered } from '../navigation/hand-off';
import { navigate } from '../navigation/router';
import { useSession } from '../session/session';
import { emptyDraft, PersonFields, registrationBody, type PersonDraft } from './person-form';

export function RegisterPersonScreen() {
  const { t } = useLanguage();
  const { api, principal } = useSession();
  const [draft, setDraft] = useState<PersonDraft>(() => {
    const given = receive<{ fullName: string; phone: string; idNumber: string }>('/people/new');
    const draft = emptyDraft();
    // The facility's own province is the usual address province.
    return { ...draft, provinceCode: principal?.provinceCode ?? '', ...(given ?? {}) };
  });
  const saving = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await saving.run(() => api.post<RegisteredSubject>('/subjects', registrationBody(draft)));
    if (created) navigate(`/people/${created.subjectId}`, { state: { justRegistered: true } });
  };

  // The document belongs to someone already: look them up with the two details just typed.
  const findByDocument = () => {
    remembered.set('find-person', {
      form: 'idNumber',
      fullName: draft.fullName,
      phone: '',
      idNumber: draft.idNumber,
      purpose: 'vaccination_visit',
      hits: null,
    });
    navigate('/people');
  };

  return (
    <Page title={t('register.title')} intro={<p>{t('register.intro')}</p>}>
      <form onSubmit={submit} noValidate>
        <PersonFields
          draft={draft}
          onChange={setDraft}
          invalidFields={saving.error?.invalidFields}
          autoFocusName={!draft.fullName}
        />
        <ErrorNotice error={saving.error} />
        {saving.error?.code === 'subject_already_registered' ? (
          <p>
            <button type="button" onClick={findByDocument}>
              {t('register.findByDocument')}
            </button>
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving.busy}>
            {t('register.submit')}
          </button>
          <button type="button" onClick={() => window.history.back()}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </Page>
  );
}
