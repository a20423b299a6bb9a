/** The signed-in session for the screens: who it is, their account profile, sign-in and sign-out. */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ApiClient } from '../api/api-client';
import type { Account, IssuedTokens } from '../api/contract';
import { principalOf, type Principal } from './principal';
import type { TokenStore } from './token-store';

interface SessionContextValue {
  api: ApiClient;
  principal: Principal | null;
  /** The account's own profile (name, username); null until loaded. */
  account: Account | null;
  signedIn: (tokens: IssuedTokens) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({
  api,
  tokens,
  children,
}: {
  api: ApiClient;
  tokens: TokenStore;
  children: ReactNode;
}) {
  const accessToken = useSyncExternalStore(
    (listener) => tokens.subscribe(listener),
    () => tokens.current()?.accessToken ?? null,
  );
  const principal = useMemo(() => (accessToken ? principalOf(accessToken) : null), [accessToken]);
  const [account, setAccount] = useState<Account | null>(null);
  const accountId = principal?.accountId ?? null;

  useEffect(() => {
    setAccount(null);
    if (!accountId) return;
    let current = true;
    api
      .get<Account>(`/accounts/${encodeURIComponent(accountId)}`)
      .then((loaded) => current && setAccount(loaded))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, accountId]);

  const signedIn = useCallback((issued: IssuedTokens) => tokens.store(issued), [tokens]);
  const signOut = useCallback(async () => {
    try {
      if (tokens.current()) await api.post('/auth/logout');
    } catch {
      // The session may already be over; signing out locally is what matters.
    }
    tokens.clear();
  }, [api, tokens]);

  const value = useMemo(
    () => ({ api, principal, account, signedIn, signOut }),
    [api, principal, account, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For screens only shown when signed in. */
export function usePrincipal(): Principal {
  const { principal } = useSession();
  if (!principal) throw new Error('no principal: screen rendered while signed out');
  return principal;
}
