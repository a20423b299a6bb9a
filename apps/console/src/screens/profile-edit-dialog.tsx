/**
 * Editing a person's profile. Full name, date of birth, ID document and address are sensitive (rule R6): when
 * another facility created and manages the person, the change needs a fresh one-time code, asked for in a
 * second dialog that says why. Only changed fields are sent.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import type { ChangeProfileInput, SubjectRecord } from '../api/contract';
import { useAction } from '../components/async-state';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/notices';
import { StepUpDialog } from '../components/step-up-dialog';
import { useLanguage } from '../i18n/language';
import type { Principal } from '../session/principal';
import { useSession } from '../session/session';
import { addressOf, draftOf, PersonFields, type PersonDraft } from './person-form';

const sensitiveFields = ['fullName', 'dateOfBirth', 'idDocument', 'address'] as const;

/** The PATCH body: only what differs from the record. */
export function profileChanges(record: SubjectRecord, draft: PersonDraft): ChangeProfileInput {
  const before = draftOf(record);
  const changes: ChangeProfileInput = {};
  if (draft.fullName.trim() !== before.fullName) changes.fullName = draft.fullName.trim();
  if (draft.dateOfBirth !== before.dateOfBirth) changes.dateOfBirth = draft.dateOfBirth;
  // A record always has a gender, and the field offers no empty choice once one is chosen.
  if (draft.gender && draft.gender !== before.gender) changes.gender = draft.gender;
  if (draft.idType !== before.idType || draft.idNumber.trim() !== before.idNumber)
    changes.idDocument = { type: draft.idType, number: draft.idNumber.trim() };
  if (draft.phone.trim() !== before.phone) changes.phone = draft.phone.trim();
  if (
    draft.provinceCode !== before.provinceCode ||
    draft.districtCode !== before.districtCode ||
    draft.wardCode.trim() !== before.wardCode ||
    draft.line.trim() !== before.line
  ) {
    changes.address = addressOf(draft);
  }
  if (draft.priorityGroup !== before.priorityGroup) changes.priorityGroup = draft.priorityGroup || null;
  if (draft.healthInsuranceNumber.trim() !== before.healthInsuranceNumber) {
    changes.healthInsuranceNumber = draft.healthInsuranceNumber.trim()
      ? draft.healthInsuranceNumber.trim().toUpperCase()
      : null;
  }
  return changes;
}

/** Whether the server will ask for step-up: a sensitive field changes and the record is not the actor's facility's. */
export function needsStepUp(
  record: SubjectRecord,
  principal: Principal,
  changes: ChangeProfileInput,
): boolean {
  const own =
    principal.facilityId !== null &&
    (principal.facilityId === record.managingFacilityId ||
      principal.facilityId === record.creatingFacilityId);
  return !own && sensitiveFields.some((field) => field in changes);
}

export function ProfileEditDialog({
  record,
  open,
  onClose,
  onSaved,
}: {
  record: SubjectRecord;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label, language } = useLanguage();
  const { api, principal } = useSession();
  const [draft, setDraft] = useState<PersonDraft>(() => draftOf(record));
  const [stepUpOpen, setStepUpOpen] = useState(false);
  const saving = useAction();
  const changes = profileChanges(record, draft);
  const changedNames = Object.keys(changes)
    .map((field) => label('field', field))
    .join(', ');
  const changedNamesInSentence = changedNames.toLocaleLowerCase(language === 'vi' ? 'vi-VN' : 'en-GB');

  const save = async (stepUpToken?: string) => {
    const outcome = await saving.run(async () => {
      try {
        await api.patch(
          `/subjects/${encodeURIComponent(record.subjectId)}`,
          changes,
          stepUpToken ? { headers: { 'x-step-up-token': stepUpToken } } : undefined,
        );
        return 'saved' as const;
      } catch (error) {
        // The server is the judge of rule R6: when it asks for a code, the code dialog opens.
        if (error instanceof ApiError && error.code === 'step_up_required') return 'code_needed' as const;
        throw error;
      }
    });
    if (outcome === 'saved') onSaved();
    if (outcome === 'code_needed') setStepUpOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (principal && needsStepUp(record, principal, changes)) {
      setStepUpOpen(true);
      return;
    }
    await save();
  };

  return (
    <>
      <Dialog open={open} title={t('edit.title', { name: record.fullName })} onClose={onClose}>
        <form onSubmit={submit} noValidate>
          <PersonFields draft={draft} onChange={setDraft} invalidFields={saving.error?.invalidFields} />
          <p className="hint" aria-live="polite">
            {Object.keys(changes).length
              ? t('edit.changing', { fields: changedNames })
              : t('edit.nothingChanged')}
          </p>
          <ErrorNotice error={saving.error} />
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={saving.busy || Object.keys(changes).length === 0}
            >
              {t('edit.save')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
      <StepUpDialog
        open={open && stepUpOpen}
        purpose={t('edit.stepUpPurpose', { fields: changedNamesInSentence })}
        subjectId={record.subjectId}
        fields={sensitiveFields.filter((field) => field in changes)}
        onCancel={() => setStepUpOpen(false)}
        onVerified={(token) => {
          setStepUpOpen(false);
          void save(token);
        }}
      />
    </>
  );
}
