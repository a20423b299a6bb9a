/** The console's shell: header with navigation for the signed-in role, language switch, and the screen for the address. */
import { useEffect, type ReactElement } from 'react';
import { useLanguage } from './i18n/language';
import type { MessageKey } from './i18n/dictionary';
import { Link, match, navigate, usePlace } from './navigation/router';
import { forgetSharedLists } from './reference/shared-lists';
import { can, type Principal } from './session/principal';
import { useSession } from './session/session';
import { AccountReviewScreen } from './screens/account-review-screen';
import { ActivationScreen } from './screens/activation-screen';
import { PasswordResetScreen } from './screens/password-reset-screen';
import { AuditScreen } from './screens/audit-screen';
import { CertificateVerifierScreen } from './screens/certificate-verifier-screen';
import { CitizenRecordScreen } from './screens/citizen-record-screen';
import { CoverageScreen } from './screens/coverage-screen';
import { DueListScreen } from './screens/due-list-screen';
import { FindPersonScreen } from './screens/find-person-screen';
import { HomeScreen } from './screens/home-screen';
import { MyAccountScreen } from './screens/my-account-screen';
import { OrganisationScreen } from './screens/organisation-screen';
import { PersonRecordScreen } from './screens/person-record-screen';
import { PlanScreen, PlansScreen } from './screens/plans-screen';
import { RegisterPersonScreen } from './screens/register-person-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { StaffRequestScreen } from './screens/staff-request-screen';

interface NavItem {
  to: string;
  label: MessageKey;
  shows: (p: Principal) => boolean;
}

const navigation: NavItem[] = [
  { to: '/people', label: 'nav.people', shows: can.findPeople },
  { to: '/plans', label: 'nav.plans', shows: can.plan },
  { to: '/staff-requests', label: 'nav.staff', shows: can.submitStaff },
  { to: '/review', label: 'nav.review', shows: can.reviewAccounts },
  { to: '/organisation', label: 'nav.organisation', shows: can.organise },
  { to: '/audit', label: 'nav.audit', shows: (p) => can.searchAudit(p) || can.verifyTrail(p) },
  { to: '/due', label: 'nav.due', shows: can.readDueList },
  { to: '/coverage', label: 'nav.coverage', shows: can.readCoverage },
  { to: '/verify', label: 'nav.verify', shows: () => true },
  { to: '/account', label: 'nav.account', shows: () => true },
];

function LanguageSwitch() {
  const { language, setLanguage, t } = useLanguage();
  const other = language === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      className="language-switch"
      onClick={() => setLanguage(other)}
      aria-label={t('header.switchLanguage')}
    >
      <span lang={other}>{other === 'en' ? 'English' : 'Tiếng Việt'}</span>
    </button>
  );
}

function Header() {
  const { t } = useLanguage();
  const { principal, account, signOut } = useSession();
  const { path } = usePlace();
  const signOutNow = async () => {
    await signOut();
    forgetSharedLists();
    navigate('/sign-in', { replace: true });
  };
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      <div className="brand">
        <Link to="/">vaxledger</Link>
        <span className="brand-sub">{t('header.subtitle')}</span>
      </div>
      {principal ? (
        <nav aria-label={t('header.navigation')}>
          <ul>
            {navigation
              .filter((item) => item.shows(principal))
              .map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    aria-current={path === item.to || path.startsWith(`${item.to}/`) ? 'page' : undefined}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
      <div className="header-tools">
        <LanguageSwitch />
        {principal ? (
          <>
            <span className="who">
              {account?.fullName ?? ''} · {t(`role.${principal.role}` as MessageKey)}
            </span>
            <button type="button" onClick={() => void signOutNow()}>
              {t('header.signOut')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}

function SignedInScreen({ path }: { path: string }) {
  const { t } = useLanguage();
  const simple: Record<string, () => ReactElement> = {
    '/': () => <HomeScreen />,
    '/account': () => <MyAccountScreen />,
    '/people': () => <FindPersonScreen />,
    '/people/new': () => <RegisterPersonScreen />,
    '/plans': () => <PlansScreen />,
    '/staff-requests': () => <StaffRequestScreen />,
    '/review': () => <AccountReviewScreen />,
    '/organisation': () => <OrganisationScreen />,
    '/audit': () => <AuditScreen />,
    '/coverage': () => <CoverageScreen />,
    '/due': () => <DueListScreen />,
    '/activate': () => <ActivationScreen />,
  };
  const screen = simple[path];
  if (screen) return screen();
  const person = match('/people/:id', path);
  if (person) return <PersonRecordScreen key={person.id} subjectId={person.id} />;
  const plan = match('/plans/:id', path);
  if (plan) return <PlanScreen key={plan.id} planId={plan.id} />;
  return (
    <section className="page">
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

export function ConsoleApp() {
  const { principal } = useSession();
  const { path, search } = usePlace();

  // Back at the sign-in address while signed in: continue where the user was going.
  useEffect(() => {
    if (principal && path === '/sign-in') {
      const next = search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    }
  }, [principal, path, search]);

  let content: ReactElement;
  // Pages for people without a session: activation, a password reset, a citizen's own record, the verifier.
  if (path === '/activate') content = <ActivationScreen />;
  else if (path === '/reset-password') content = <PasswordResetScreen />;
  else if (path === '/my-record') content = <CitizenRecordScreen />;
  else if (path === '/verify') content = <CertificateVerifierScreen />;
  else if (!principal || path === '/sign-in') content = <SignInScreen />;
  else content = <SignedInScreen path={path} />;

  return (
    <>
      <Header />
      <main id="main">{content}</main>
      <footer className="site-footer">
        <p>
          vaxledger · API <a href="/api/docs">/api/docs</a>
        </p>
      </footer>
    </>
  );
}
