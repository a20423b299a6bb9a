/** The landing screen: what the signed-in role usually does next. */
import { Page } from '../components/page';
import type { MessageKey } from '../i18n/dictionary';
import { useLanguage } from '../i18n/language';
import { Link } from '../navigation/router';
import { provinceName } from '../reference/administrative-units';
import { useFacilityLabel } from '../reference/shared-lists';
import { can, type Principal } from '../session/principal';
import { usePrincipal, useSession } from '../session/session';

const tasks: Array<{ to: string; title: MessageKey; text: MessageKey; shows: (p: Principal) => boolean }> = [
  { to: '/people', title: 'home.findTitle', text: 'home.findText', shows: can.findPeople },
  { to: '/plans', title: 'home.plansTitle', text: 'home.plansText', shows: can.plan },
  { to: '/staff-requests', title: 'home.staffTitle', text: 'home.staffText', shows: can.submitStaff },
  { to: '/review', title: 'home.reviewTitle', text: 'home.reviewText', shows: can.reviewAccounts },
  { to: '/organisation', title: 'home.orgTitle', text: 'home.orgText', shows: can.organise },
  {
    to: '/audit',
    title: 'home.auditTitle',
    text: 'home.auditText',
    shows: (p) => can.searchAudit(p) || can.verifyTrail(p),
  },
  { to: '/coverage', title: 'home.coverageTitle', text: 'home.coverageText', shows: can.readCoverage },
  { to: '/account', title: 'home.accountTitle', text: 'home.accountText', shows: () => true },
];

export function HomeScreen() {
  const { t, label } = useLanguage();
  const { account } = useSession();
  const principal = usePrincipal();
  const facilityLabel = useFacilityLabel();
  const where = principal.facilityId
    ? facilityLabel(principal.facilityId)
    : principal.provinceCode
      ? provinceName(principal.provinceCode)
      : t('home.nationwide');
  return (
    <Page
      title={t('home.title', { name: account?.fullName ?? '' })}
      intro={<p>{t('home.intro', { role: label('role', principal.role), where })}</p>}
    >
      <ul className="task-list">
        {tasks
          .filter((task) => task.shows(principal))
          .map((task) => (
            <li key={task.to}>
              <Link to={task.to}>
                <strong>{t(task.title)}</strong>
                <span>{t(task.text)}</span>
              </Link>
            </li>
          ))}
      </ul>
    </Page>
  );
}
