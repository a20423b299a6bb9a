/** The fields of a person's profile, shared by registration and by the edit dialog. */
import type { Gender, IdDocumentType, RegisterSubjectInput, SubjectRecord } from '../api/contract';
import { SelectField, TextField } from '../components/form-fields';
import { useLanguage } from '../i18n/language';
import { districtsOf, provinces } from '../reference/administrative-units';

export interface PersonDraft {
  fullName: string;
  dateOfBirth: string;
  gender: Gender | '';
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  provinceCode: string;
  districtCode: string;
  wardCode: string;
  line: string;
  priorityGroup: string;
  healthInsuranceNumber: string;
}

export const priorityGroups = [
  'health_worker',
  'frontline',
  'elderly',
  'chronic_condition',
  'teacher',
  'essential_services',
  'other',
] as const;

export function emptyDraft(): PersonDraft {
  return {
    fullName: '',
    dateOfBirth: '',
    gender: '',
    idType: 'CCCD',
    idNumber: '',
    phone: '',
    provinceCode: '',
    districtCode: '',
    wardCode: '',
    line: '',
    priorityGroup: '',
    healthInsuranceNumber: '',
  };
}

export function draftOf(record: SubjectRecord): PersonDraft {
  return {
    fullName: record.fullName,
    dateOfBirth: record.dateOfBirth,
    gender: record.gender,
    idType: record.idDocument.type,
    idNumber: record.idDocument.number,
    phone: record.phone,
    provinceCode: record.address.provinceCode,
    districtCode: record.address.districtCode ?? '',
    wardCode: record.address.wardCode ?? '',
    line: record.address.line,
    priorityGroup: record.priorityGroup ?? '',
    healthInsuranceNumber: record.healthInsuranceNumber ?? '',
  };
}

export function addressOf(draft: PersonDraft): RegisterSubjectInput['address'] {
  return {
    // The form offers only the provinces of the reference list; the server refuses any other code (400).
    provinceCode: draft.provinceCode as RegisterSubjectInput['address']['provinceCode'],
    ...(draft.districtCode ? { districtCode: draft.districtCode } : {}),
    ...(draft.wardCode.trim() ? { wardCode: draft.wardCode.trim() } : {}),
    line: draft.line.trim(),
  };
}

/**
 * The body of POST /subjects. A gender not chosen yet is left out rather than sent as '': the server's
 * validation_failed then marks the field, as it does the other required ones.
 */
export function registrationBody(
  draft: PersonDraft,
): Omit<RegisterSubjectInput, 'gender'> & Partial<Pick<RegisterSubjectInput, 'gender'>> {
  return {
    fullName: draft.fullName.trim(),
    dateOfBirth: draft.dateOfBirth,
    ...(draft.gender ? { gender: draft.gender } : {}),
    idDocument: { type: draft.idType, number: draft.idNumber.trim() },
    phone: draft.phone.trim(),
    address: addressOf(draft),
    ...(draft.priorityGroup ? { priorityGroup: draft.priorityGroup } : {}),
    ...(draft.healthInsuranceNumber.trim()
      ? { healthInsuranceNumber: draft.healthInsuranceNumber.trim().toUpperCase() }
      : {}),
  };
}

/** Which invalid fields (validation_failed details) belong to which input. */
function problemFor(invalid: string[], ...fields: string[]): boolean {
  return invalid.some((path) => fields.some((field) => path === field || path.startsWith(`${field}.`)));
}

export function PersonFields({
  draft,
  onChange,
  invalidFields = [],
  autoFocusName = false,
}: {
  draft: PersonDraft;
  onChange: (draft: PersonDraft) => void;
  invalidFields?: string[];
  autoFocusName?: boolean;
}) {
  const { t, label } = useLanguage();
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const invalid = (...fields: string[]) => (problemFor(invalidFields, ...fields) ? t('form.invalid') : null);
  const districts = draft.provinceCode ? districtsOf(draft.provinceCode) : [];

  return (
    <>
      <fieldset>
        <legend>{t('person.identity')}</legend>
        <div className="row">
          <TextField
            label={t('person.fullName')}
            value={draft.fullName}
            onChange={(e) => set('fullName', e.target.value)}
            autoComplete="off"
            required
            autoFocus={autoFocusName}
            problem={invalid('fullName')}
          />
          <TextField
            label={t('person.dateOfBirth')}
            type="date"
            value={draft.dateOfBirth}
            onChange={(e) => set('dateOfBirth', e.target.value)}
            required
            problem={invalid('dateOfBirth')}
          />
          <SelectField
            label={t('person.gender')}
            value={draft.gender}
            onChange={(e) => set('gender', e.target.value as Gender)}
            required
            problem={invalid('gender')}
            placeholder={draft.gender ? undefined : t('form.choose')}
            options={(['female', 'male', 'other'] as const).map((g) => ({
              value: g,
              label: label('gender', g),
            }))}
          />
        </div>
        <div className="row">
          <SelectField
            label={t('person.idType')}
            value={draft.idType}
            onChange={(e) => set('idType', e.target.value as IdDocumentType)}
            problem={invalid('idDocument.type')}
            options={(['CCCD', 'CMND', 'PASSPORT'] as const).map((type) => ({
              value: type,
              label: label('idType', type),
            }))}
          />
          <TextField
            label={t('person.idNumber')}
            hint={t('person.idNumberHint')}
            value={draft.idNumber}
            onChange={(e) => set('idNumber', e.target.value)}
            autoComplete="off"
            required
            problem={invalid('idDocument.number', 'idDocument')}
          />
          <TextField
            label={t('person.phone')}
            value={draft.phone}
            onChange={(e) => set('phone', e.target.value)}
            inputMode="tel"
            autoComplete="off"
            required
            problem={invalid('phone')}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('person.address')}</legend>
        <div className="row">
          <SelectField
            label={t('person.province')}
            value={draft.provinceCode}
            onChange={(e) => onChange({ ...draft, provinceCode: e.target.value, districtCode: '' })}
            required
            problem={invalid('address.provinceCode')}
            placeholder={t('form.choose')}
            options={provinces.map((p) => ({ value: p.code, label: p.name }))}
          />
          {districts.length ? (
            <SelectField
              label={t('person.district')}
              value={draft.districtCode}
              onChange={(e) => set('districtCode', e.target.value)}
              problem={invalid('address.districtCode')}
              placeholder={t('form.optional')}
              options={districts.map((d) => ({ value: d.code, label: d.name }))}
            />
          ) : (
            <TextField
              label={t('person.districtCode')}
              hint={t('person.districtCodeHint')}
              value={draft.districtCode}
              onChange={(e) => set('districtCode', e.target.value.replace(/\D/g, '').slice(0, 3))}
              inputMode="numeric"
              problem={invalid('address.districtCode')}
            />
          )}
          <TextField
            label={t('person.wardCode')}
            hint={t('person.wardCodeHint')}
            value={draft.wardCode}
            onChange={(e) => set('wardCode', e.target.value.replace(/\D/g, '').slice(0, 5))}
            inputMode="numeric"
            problem={invalid('address.wardCode')}
          />
        </div>
        <TextField
          label={t('person.addressLine')}
          value={draft.line}
          onChange={(e) => set('line', e.target.value)}
          autoComplete="off"
          required
          problem={invalid('address.line', 'address')}
        />
      </fieldset>
      <fieldset>
        <legend>{t('person.more')}</legend>
        <div className="row">
          <SelectField
            label={t('person.priorityGroup')}
            value={draft.priorityGroup}
            onChange={(e) => set('priorityGroup', e.target.value)}
            problem={invalid('priorityGroup')}
            placeholder={t('form.none')}
            options={priorityGroups.map((g) => ({ value: g, label: label('priorityGroup', g) }))}
          />
          <TextField
            label={t('person.healthInsurance')}
            hint={t('person.healthInsuranceHint')}
            value={draft.healthInsuranceNumber}
            onChange={(e) => set('healthInsuranceNumber', e.target.value)}
            autoComplete="off"
            problem={invalid('healthInsuranceNumber')}
          />
        </div>
      </fieldset>
    </>
  );
}
