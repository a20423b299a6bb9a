/**
 * A citizen's own record, without an account: full name + ID number, a one-time code sent to the phone of
 * record, then their doses and certificates with the QR code. The citizen token lives in this component's
 * state only (never in storage, never in the address); finishing, closing the page or the token's lifetime
 * ends the view. The name and number typed are cleared as soon as the code is asked for.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type {
  CitizenChallenge,
  CitizenLookupInput,
  CitizenRecord,
  CitizenToken,
  CitizenVerifyInput,
} from '../api/contract';
import { useAction } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { TextField } from '../components/form-fields';
import { ErrorNotice, StatusNotice } from '../components/notices';
import { Page } from '../components/page';
import { QrCodeImage } from '../components/qr-code';
import { formatDate, formatDateTime } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session/session';

type Step =
  | { kind: 'ask' }
  | { kind: 'code'; challenge: CitizenChallenge }
  | { kind: 'record'; record: CitizenRecord; endsAt: number; minutes: number };

export function CitizenRecordScreen() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'ask' });
  const [fullName, setFullName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [code, setCode] = useState('');
  const [ended, setEnded] = useState(false);
  const asking = useAction();
  const opening = useAction();

  // The record disappears when the token lapses, as the server would refuse it from then on.
  const endsAt = step.kind === 'record' ? step.endsAt : null;
  useEffect(() => {
    if (endsAt === null) return;
    const timer = window.setTimeout(finish, Math.max(0, endsAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [endsAt]);

  function finish() {
    setStep({ kind: 'ask' });
    setCode('');
    setEnded(true);
  }

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setEnded(false);
    const challenge = await asking.run(() =>
      api.post<CitizenChallenge>(
        '/citizen/lookup',
        { fullName: fullName.trim(), idNumber: idNumber.replace(/\s+/g, '') } satisfies CitizenLookupInput,
        { anonymous: true },
      ),
    );
    if (challenge) {
      setFullName('');
      setIdNumber('');
      setCode('');
      setStep({ kind: 'code', challenge });
    }
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'code') return;
    const challengeId = step.challenge.challengeId;
    const opened = await opening.run(async () => {
      const token = await api.post<CitizenToken>(
        '/citizen/verify',
        { challengeId, code } satisfies CitizenVerifyInput,
        { anonymous: true },
      );
      const record = await api.get<CitizenRecord>('/citizen/record', {
        anonymous: true,
        headers: { authorization: `Bearer ${token.citizenToken}` },
      });
      return { record, expiresIn: token.expiresIn };
    });
    if (opened) {
      setCode('');
      setStep({
        kind: 'record',
        record: opened.record,
        endsAt: Date.now() + opened.expiresIn * 1000,
        minutes: Math.max(1, Math.round(opened.expiresIn / 60)),
      });
    }
  };

  if (step.kind === 'record') {
    const { record } = step;
    return (
      <Page
        title={t('citizen.recordTitle', { name: record.fullName })}
        intro={<p>{t('citizen.recordIntro', { dob: formatDate(record.dateOfBirth), minutes: step.minutes })}</p>}
        actions={
          <button type="button" onClick={() => finish()}>
            {t('citizen.finish')}
          </button>
        }
      >
        <h2>{t('citizen.doses')}</h2>
        <DataTable
          caption={t('citizen.doses')}
          captionHidden
          rows={record.doses}
          rowKey={(dose) => dose.doseId}
          rowClassName={(dose) => (dose.status === 'voided' ? 'voided' : '')}
          empty={t('citizen.noDoses')}
          columns={[
            { header: t('citizen.vaccine'), cell: (dose) => dose.vaccineName },
            { header: t('citizen.doseNumber'), cell: (dose) => dose.doseNumber, className: 'numeric' },
            { header: t('citizen.date'), cell: (dose) => formatDate(dose.date) },
            { header: t('citizen.doseStatus'), cell: (dose) => label('doseStatus', dose.status) },
          ]}
        />
        <h2>{t('citizen.certificates')}</h2>
        {record.certificates.length === 0 ? <p>{t('citizen.noCertificates')}</p> : null}
        {record.certificates.map((certificate) => (
          <article className="certificate-card" key={certificate.certificateId} aria-label={certificate.uvci}>
            <h3>
              {certificate.status === 'valid'
                ? t('citizen.certificateValid')
                : t('citizen.certificateRevoked', {
                    reason: label('revocationReason', certificate.revocationReason),
                    when: formatDateTime(certificate.revokedAt),
                  })}
            </h3>
            <p>
              {t('citizen.certificateDates', {
                issued: formatDateTime(certificate.issuedAt),
                expires: formatDateTime(certificate.expiresAt),
              })}
            </p>
            <p className="mono">{certificate.uvci}</p>
            {certificate.status === 'valid' ? (
              <>
                <QrCodeImage
                  text={certificate.hc1}
                  label={t('citizen.qrLabel')}
                  size={320}
                  errorCorrection="Q"
                />
                <details>
                  <summary>{t('citizen.showText')}</summary>
                  <p className="mono hc1-text">{certificate.hc1}</p>
                </details>
              </>
            ) : null}
          </article>
        ))}
      </Page>
    );
  }

  if (step.kind === 'code') {
    return (
      <Page
        title={t('citizen.codeTitle')}
        intro={<p>{t('citizen.codeSent', { phoneHint: step.challenge.phoneHint })}</p>}
      >
        <form className="narrow" onSubmit={open} noValidate>
          <TextField
            label={t('citizen.code')}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            autoFocus
          />
          <ErrorNotice error={opening.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={opening.busy || code.length !== 6}>
              {t('citizen.open')}
            </button>
            <button
              type="button"
              onClick={() => {
                opening.setError(null);
                setStep({ kind: 'ask' });
              }}
            >
              {t('citizen.startAgain')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  const incomplete = fullName.trim().length < 2 || idNumber.replace(/\s+/g, '').length < 6;
  return (
    <Page title={t('citizen.title')} intro={<p>{t('citizen.intro')}</p>}>
      {ended ? <StatusNotice message={t('citizen.ended')} /> : null}
      <form className="narrow" onSubmit={ask} noValidate>
        <TextField
          label={t('citizen.fullName')}
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          autoComplete="off"
          required
        />
        <TextField
          label={t('citizen.idNumber')}
          value={idNumber}
          onChange={(e) => setIdNumber(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <ErrorNotice error={asking.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={asking.busy || incomplete}>
            {t('citizen.ask')}
          </button>
        </div>
      </form>
    </Page>
  );
}
