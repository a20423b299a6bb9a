/**
 * The audit trail for auditors and province admins: who did or looked at what, searched by person, account,
 * event type and time; and, for auditors and the national admin, whether the hash chain is intact.
 */
import { useState, type FormEvent } from 'react';
import type { AuditEntry, AuditEventsPage, AuditQuery, TrailVerification } from '../api/contract';
import { queryString } from '../api/query-string';
import { useAction } from '../components/async-state';
import { DataTable } from '../components/data-table';
import { TextField } from '../components/form-fields';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { addDays, formatDateTime, formatNumber, todayInVietnam } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { Link } from '../navigation/router';
import { provinceName } from '../reference/administrative-units';
import { useFacilityLabel } from '../reference/shared-lists';
import { can } from '../session/principal';
import { usePrincipal, useSession } from '../session/session';

export const auditTypes = [
  'vaxledger.access.recorded',
  'vaxledger.access.denied',
  'vaxledger.immunization.record.read',
  'LoginAttempted',
  'vaxledger.registry.subject.registered',
  'vaxledger.registry.subject.updated',
  'vaxledger.immunization.dose.recorded',
  'vaxledger.immunization.dose.corrected',
  'vaxledger.immunization.dose.voided',
  'vaxledger.immunization.dose-report.recorded',
  'vaxledger.immunization.dose-report.voided',
  'FacilityRegistered',
  'AccountGranted',
  'AccountActivated',
  'AccountReviewed',
  'AccountLocked',
  'AccountUnlocked',
  'AccountSuspended',
  'SessionEnded',
];

function TrailCheck() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const [result, setResult] = useState<TrailVerification | null>(null);
  const checking = useAction();
  const check = async () => {
    const verified = await checking.run(() => api.get<TrailVerification>('/audit/verify'));
    if (verified) setResult(verified);
  };
  return (
    <section aria-labelledby="verify-title" className="panel">
      <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void check()} disabled={checking.busy}>
          {t('audit.verify')}
        </button>
      </div>
      <ErrorNotice error={checking.error} />
      <div aria-live="polite">
        {result ? (
          result.ok ? (
            <p className="notice notice-success" role="status">
              {t('audit.intact', {
                entries: formatNumber(result.entriesChecked),
                checkpoints: formatNumber(result.checkpointsChecked),
                time: formatDateTime(result.verifiedAt),
              })}
            </p>
          ) : (
            <p className="notice notice-error" role="alert">
              {result.firstMismatch && result.firstMismatch.sequence !== null
                ? t('audit.broken', {
                    sequence: formatNumber(result.firstMismatch.sequence),
                    reason: label('mismatch', result.firstMismatch.reason),
                  })
                : // Checkpoints, anchors and source events are not entries: the problem has no sequence to name.
                  t('audit.brokenElsewhere', { reason: label('mismatch', result.firstMismatch?.reason) })}
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}

export function AuditScreen() {
  const { t, label } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const facilityLabel = useFacilityLabel();
  const [subjectId, setSubjectId] = useState('');
  const [actorId, setActorId] = useState('');
  const [type, setType] = useState('');
  const [from, setFrom] = useState(addDays(todayInVietnam(), -7));
  const [to, setTo] = useState(todayInVietnam());
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const searching = useAction();

  const query = (after?: string) =>
    queryString({
      subjectId: subjectId.trim(),
      actorId: actorId.trim(),
      type: type.trim(),
      from,
      to,
      cursor: after,
      limit: 50,
    } satisfies AuditQuery);

  const search = async (event?: FormEvent, after?: string) => {
    event?.preventDefault();
    const page = await searching.run(() => api.get<AuditEventsPage>(`/audit/events?${query(after)}`));
    if (page) {
      setItems((current) => (after && current ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
    }
  };

  return (
    <Page title={t('audit.title')} intro={<p>{t('audit.intro')}</p>}>
      {can.searchAudit(principal) ? (
        <>
          <form onSubmit={(e) => void search(e)} noValidate className="filters">
            <div className="row">
              <TextField
                label={t('audit.person')}
                hint={t('audit.personHint')}
                value={subjectId}
                onChange={(e) => setSubjectId(e.target.value)}
                autoComplete="off"
              />
              <TextField
                label={t('audit.account')}
                hint={t('audit.accountHint')}
                value={actorId}
                onChange={(e) => setActorId(e.target.value)}
                autoComplete="off"
              />
              <TextField
                label={t('audit.type')}
                hint={t('audit.typeHint')}
                value={type}
                onChange={(e) => setType(e.target.value)}
                list="audit-types"
                autoComplete="off"
              />
              <datalist id="audit-types">
                {auditTypes.map((value) => (
                  <option key={value} value={value}>
                    {label('auditType', value)}
                  </option>
                ))}
              </datalist>
            </div>
            <div className="row">
              <TextField
                label={t('common.from')}
                type="date"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
              <TextField
                label={t('common.to')}
                type="date"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
            <ErrorNotice error={searching.error} />
            <div className="actions">
              <button type="submit" className="primary" disabled={searching.busy}>
                {t('audit.search')}
              </button>
            </div>
          </form>
          {items ? (
            <DataTable
              caption={t('audit.results', { count: formatNumber(items.length) })}
              columns={[
                { header: t('history.when'), cell: (entry) => formatDateTime(entry.occurredAt) },
                {
                  header: t('audit.what'),
                  cell: (entry) => (
                    <>
                      {label('auditType', entry.type)}
                      {entry.action ? (
                        <span className="small"> · {label('auditAction', entry.action)}</span>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: t('audit.account'),
                  cellClassName: 'mono',
                  cell: (entry) => (entry.actor.accountId ? `#${entry.actor.accountId.slice(-8)}` : '—'),
                },
                {
                  header: t('plans.facility'),
                  cell: (entry) => facilityLabel(entry.actor.facilityId ?? entry.facilityId),
                },
                {
                  header: t('person.province'),
                  cell: (entry) => provinceName(entry.actor.provinceCode ?? entry.provinceCode),
                },
                {
                  header: t('audit.people'),
                  cell: (entry) =>
                    entry.subjectIds.length
                      ? entry.subjectIds.map((id) =>
                          principal.role === 'province_admin' ? (
                            <Link key={id} to={`/people/${id}`} className="mono">
                              #{id.slice(-8)}{' '}
                            </Link>
                          ) : (
                            <span key={id} className="mono">
                              #{id.slice(-8)}{' '}
                            </span>
                          ),
                        )
                      : '—',
                },
                {
                  header: t('audit.outcomePurpose'),
                  cell: (entry) => (
                    <>
                      {entry.outcome ? label('loginOutcome', entry.outcome) : ''}
                      {entry.purpose ? `${entry.outcome ? ' · ' : ''}${label('purpose', entry.purpose)}` : ''}
                    </>
                  ),
                },
              ]}
              rows={items}
              rowKey={(entry) => entry.eventId}
              empty={t('common.none')}
              after={
                cursor ? (
                  <button
                    type="button"
                    onClick={() => void search(undefined, cursor)}
                    disabled={searching.busy}
                  >
                    {t('audit.more')}
                  </button>
                ) : null
              }
            />
          ) : null}
        </>
      ) : null}
      {can.verifyTrail(principal) ? <TrailCheck /> : null}
    </Page>
  );
}
