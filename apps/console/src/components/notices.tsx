/** Errors and confirmations announced to screen readers (aria-live), in the interface language. */
import type { ApiError } from '../api/api-error';
import { sentenceFor } from '../i18n/error-sentences';
import { useLanguage } from '../i18n/language';

export function ErrorNotice({ error }: { error: ApiError | null }) {
  const { language } = useLanguage();
  // The live region stays in the page so a new error is announced when it appears.
  return (
    <div className="notice-slot" aria-live="assertive" aria-atomic="true">
      {error ? (
        <p className="notice notice-error" role="alert">
          {sentenceFor(error, language)}
        </p>
      ) : null}
    </div>
  );
}

export function StatusNotice({ message }: { message: string | null }) {
  return (
    <div className="notice-slot" aria-live="polite" aria-atomic="true">
      {message ? (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      ) : null}
    </div>
  );
}
