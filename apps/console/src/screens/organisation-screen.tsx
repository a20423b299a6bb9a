/**
 * Organisation, for the national admin and province admins: facilities, their administrators, province
 * administrators (national admin only), and auditor or reporter accounts. Every new account receives an
 * activation code at its own email address (standalone: the outbox file).
 */
import { useState, type FormEvent } from 'react';
import type {
  FacilityList,
  FacilityAdminInput,
  Gender,
  OversightAccountInput,
  OversightRole,
  ProvinceAdminInput,
  RegisteredFacility,
  RegisterFacilityInput,
} from '../api/contract';
import { useAction, useLoad } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { SelectField, TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { useLanguage } from '../i18n/language';
import { districtName, districtsOf, provinceName, provinces } from '../reference/administrative-units';
import { refreshFacilities } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';

/** The person an administrator appointment or an oversight account is for (one shape in all three bodies). */
type PersonDetails = FacilityAdminInput & ProvinceAdminInput;

const noPerson = (): PersonDetails => ({
  fullName: '',
  gender: 'female',
  position: '',
  email: '',
  phone: '',
  username: '',
});

function PersonDetailsFields({
  value,
  onChange,
  invalid,
}: {
  value: PersonDetails;
  onChange: (value: PersonDetails) => void;
  invalid: string[];
}) {
  const { t, label } = useLanguage();
  const set = (change: Partial<PersonDetails>) => onChange({ ...value, ...change });
  const problem = (field: string) => (invalid.includes(field) ? t('form.invalid') : null);
  return (
    <>
      <div className="row">
        <TextField
          label={t('person.fullName')}
          value={value.fullName}
          onChange={(e) => set({ fullName: e.target.value })}
          required
          problem={problem('fullName')}
        />
        <SelectField
          label={t('person.gender')}
          value={value.gender}
          onChange={(e) => set({ gender: e.target.value as Gender })}
          options={(['female', 'male', 'other'] as const).map((g) => ({
            value: g,
            label: label('gender', g),
          }))}
        />
        <TextField
          label={t('staff.position')}
          value={value.position}
          onChange={(e) => set({ position: e.target.value })}
          required
          problem={problem('position')}
        />
      </div>
      <div className="row">
        <TextField
          label={t('staff.email')}
          hint={t('org.emailHint')}
          type="email"
          value={value.email}
          onChange={(e) => set({ email: e.target.value })}
          required
          problem={problem('email')}
        />
        <TextField
          label={t('person.phone')}
          inputMode="tel"
          value={value.phone}
          onChange={(e) => set({ phone: e.target.value })}
          required
          problem={problem('phone')}
        />
        <TextField
          label={t('staff.username')}
          hint={t('staff.usernameHint')}
          value={value.username}
          onChange={(e) => set({ username: e.target.value })}
          autoCapitalize="none"
          required
          problem={problem('username')}
        />
      </div>
    </>
  );
}

function trimmed(person: PersonDetails): PersonDetails {
  return {
    ...person,
    fullName: person.fullName.trim(),
    position: person.position.trim(),
    email: person.email.trim(),
    phone: person.phone.trim(),
    username: person.username.trim().toLowerCase(),
  };
}

export function OrganisationScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const national = principal.role === 'national_admin';
  const facilities = useLoad(() => api.get<FacilityList>('/facilities'), [api]);
  const [message, setMessage] = useState<string | null>(null);

  // A new facility
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [provinceCode, setProvinceCode] = useState(principal.provinceCode ?? '01');
  const [districtCode, setDistrictCode] = useState('');
  const registering = useAction();

  // Its administrator
  const [adminFacility, setAdminFacility] = useState('');
  const [facilityAdmin, setFacilityAdmin] = useState<PersonDetails>(noPerson);
  const appointing = useAction();

  // A province administrator (national admin only)
  const [adminProvince, setAdminProvince] = useState('01');
  const [provinceAdmin, setProvinceAdmin] = useState<PersonDetails>(noPerson);
  const appointingProvince = useAction();

  // An auditor or reporter
  const [oversightRole, setOversightRole] = useState<OversightRole>('reporter');
  const [oversightProvince, setOversightProvince] = useState(national ? '' : (principal.provinceCode ?? ''));
  const [oversight, setOversight] = useState<PersonDetails>(noPerson);
  const creatingOversight = useAction();

  const sentTo = (email: string) => t('org.activationSent', { email });

  const registerFacility = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const body: RegisterFacilityInput = {
      code: code.trim(),
      name: name.trim(),
      provinceCode,
      ...(districtCode ? { districtCode } : {}),
    };
    const created = await registering.run(() => api.post<RegisteredFacility>('/facilities', body));
    if (created) {
      setMessage(t('org.facilityRegistered', { name: name.trim() }));
      setAdminFacility(created.facilityId);
      setCode('');
      setName('');
      refreshFacilities(principal.accountId);
      facilities.reloadAfterWrite();
    }
  };

  const appointFacilityAdmin = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const person = trimmed(facilityAdmin);
    if (
      await appointing.run(() =>
        api.post(
          `/facilities/${encodeURIComponent(adminFacility)}/admins`,
          person satisfies FacilityAdminInput,
        ),
      )
    ) {
      setMessage(sentTo(person.email));
      setFacilityAdmin(noPerson());
    }
  };

  const appointProvinceAdmin = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const person = trimmed(provinceAdmin);
    if (
      await appointingProvince.run(() =>
        api.post(
          `/provinces/${encodeURIComponent(adminProvince)}/admins`,
          person satisfies ProvinceAdminInput,
        ),
      )
    ) {
      setMessage(sentTo(person.email));
      setProvinceAdmin(noPerson());
    }
  };

  const createOversight = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const person = trimmed(oversight);
    const body: OversightAccountInput = {
      ...person,
      role: oversightRole,
      ...(oversightProvince ? { provinceCode: oversightProvince } : {}),
    };
    if (await creatingOversight.run(() => api.post('/accounts', body))) {
      setMessage(sentTo(person.email));
      setOversight(noPerson());
    }
  };

  const provinceChoices = national ? provinces : provinces.filter((p) => p.code === principal.provinceCode);
  const districts = districtsOf(provinceCode);

  return (
    <Page title={t('org.title')} intro={<p>{t('org.intro')}</p>}>
      <StatusNotice message={message} />

      <section aria-labelledby="facilities-title">
        <h2 id="facilities-title">{t('org.facilities')}</h2>
        <ErrorNotice error={facilities.error} />
        <DataTable
          caption={t('org.facilities')}
          captionHidden
          columns={[
            { header: t('org.code'), cell: (f) => f.code },
            { header: t('org.name'), cell: (f) => f.name },
            { header: t('person.province'), cell: (f) => provinceName(f.provinceCode) },
            {
              header: t('person.district'),
              cell: (f) => districtName(f.provinceCode, f.districtCode) || '—',
            },
          ]}
          rows={facilities.data?.items ?? []}
          rowKey={(f) => f.id}
          empty={t('org.noFacilities')}
        />
      </section>

      <form onSubmit={registerFacility} noValidate className="panel" aria-labelledby="new-facility-title">
        <h2 id="new-facility-title">{t('org.newFacility')}</h2>
        <div className="row">
          <TextField
            label={t('org.code')}
            hint={t('org.codeHint')}
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            required
            problem={registering.error?.invalidFields.includes('code') ? t('form.invalid') : null}
          />
          <TextField label={t('org.name')} value={name} onChange={(e) => setName(e.target.value)} required />
          <SelectField
            label={t('person.province')}
            value={provinceCode}
            onChange={(e) => {
              setProvinceCode(e.target.value);
              setDistrictCode('');
            }}
            options={provinceChoices.map((p) => ({ value: p.code, label: p.name }))}
          />
          {districts.length ? (
            <SelectField
              label={t('person.district')}
              value={districtCode}
              onChange={(e) => setDistrictCode(e.target.value)}
              placeholder={t('form.optional')}
              options={districts.map((d) => ({ value: d.code, label: d.name }))}
            />
          ) : (
            <TextField
              label={t('person.districtCode')}
              hint={t('person.districtCodeHint')}
              value={districtCode}
              onChange={(e) => setDistrictCode(e.target.value.replace(/\D/g, '').slice(0, 3))}
              inputMode="numeric"
            />
          )}
        </div>
        <ErrorNotice error={registering.error} />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={registering.busy || !code.trim() || !name.trim()}
          >
            {t('org.registerFacility')}
          </button>
        </div>
      </form>

      <form
        onSubmit={appointFacilityAdmin}
        noValidate
        className="panel"
        aria-labelledby="facility-admin-title"
      >
        <h2 id="facility-admin-title">{t('org.facilityAdmin')}</h2>
        <SelectField
          label={t('plans.facility')}
          value={adminFacility}
          onChange={(e) => setAdminFacility(e.target.value)}
          required
          placeholder={t('form.choose')}
          options={(facilities.data?.items ?? []).map((f) => ({
            value: f.id,
            label: `${f.name} (${f.code})`,
          }))}
        />
        <PersonDetailsFields
          value={facilityAdmin}
          onChange={setFacilityAdmin}
          invalid={appointing.error?.invalidFields ?? []}
        />
        <ErrorNotice error={appointing.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={appointing.busy || !adminFacility}>
            {t('org.appoint')}
          </button>
        </div>
      </form>

      {national ? (
        <form
          onSubmit={appointProvinceAdmin}
          noValidate
          className="panel"
          aria-labelledby="province-admin-title"
        >
          <h2 id="province-admin-title">{t('org.provinceAdmin')}</h2>
          <SelectField
            label={t('person.province')}
            value={adminProvince}
            onChange={(e) => setAdminProvince(e.target.value)}
            options={provinces.map((p) => ({ value: p.code, label: p.name }))}
          />
          <PersonDetailsFields
            value={provinceAdmin}
            onChange={setProvinceAdmin}
            invalid={appointingProvince.error?.invalidFields ?? []}
          />
          <ErrorNotice error={appointingProvince.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={appointingProvince.busy}>
              {t('org.appoint')}
            </button>
          </div>
        </form>
      ) : null}

      <form onSubmit={createOversight} noValidate className="panel" aria-labelledby="oversight-title">
        <h2 id="oversight-title">{t('org.oversight')}</h2>
        <div className="row">
          <SelectField
            label={t('account.role')}
            value={oversightRole}
            onChange={(e) => setOversightRole(e.target.value as OversightRole)}
          >
            <option value="reporter">{t('role.reporter')}</option>
            <option value="auditor">{t('role.auditor')}</option>
          </SelectField>
          <SelectField
            label={t('person.province')}
            hint={t('org.oversightProvinceHint')}
            value={oversightProvince}
            onChange={(e) => setOversightProvince(e.target.value)}
          >
            {national ? <option value="">{t('org.nationwide')}</option> : null}
            {provinceChoices.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </SelectField>
        </div>
        <PersonDetailsFields
          value={oversight}
          onChange={setOversight}
          invalid={creatingOversight.error?.invalidFields ?? []}
        />
        <ErrorNotice error={creatingOversight.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={creatingOversight.busy}>
            {t('org.createAccount')}
          </button>
        </div>
      </form>
    </Page>
  );
}
