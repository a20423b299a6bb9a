import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client';
import { ConsoleApp } from './console-app';
import { LanguageProvider } from './i18n/language';
import { currentAddress, navigate } from './navigation/router';
import { SessionProvider } from './session/session';
import { TokenStore } from './session/token-store';
import './styles.css';

const tokens = new TokenStore();
const api = new ApiClient(tokens);

// A session that cannot be renewed sends the user to sign in again, then back to the same page.
api.onSessionLost = () => {
  if (window.location.pathname === '/sign-in') return;
  navigate(`/sign-in?expired=1&next=${encodeURIComponent(currentAddress())}`, { replace: true });
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageProvider>
      <SessionProvider api={api} tokens={tokens}>
        <ConsoleApp />
      </SessionProvider>
    </LanguageProvider>
  </StrictMode>,
);
