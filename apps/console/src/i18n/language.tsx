/** The interface language (Vietnamese by default, English on request), remembered in localStorage. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type Language, type MessageKey } from './dictionary';

const storageKey = 'vaxledger.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface LanguageContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** The name of one value of an enumeration (`label('role', 'staff')`), or the value itself when unnamed. */
  label: (group: string, value: string | null | undefined) => string;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

function savedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(savedLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts until the page closes.
    }
  }, []);

  const t = useCallback<Translate>(
    (key, params) => {
      const entry = messages[key];
      return entry ? fill(entry[language === 'vi' ? 0 : 1], params) : key;
    },
    [language],
  );
  const label = useCallback(
    (group: string, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') return '—';
      const entry = (messages as Record<string, readonly [string, string]>)[`${group}.${value}`];
      return entry ? entry[language === 'vi' ? 0 : 1] : value;
    },
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t, label }), [language, setLanguage, t, label]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}
