/** Loading data and running actions against the API with busy and error state, the same way on every screen. */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { asApiError, type ApiError } from '../api/api-error';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      const apiError = asApiError(caught);
      // A lost session already took the user to the sign-in screen.
      if (apiError.code !== 'session_expired') setError(apiError);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    latest
      .current()
      .then((value) => {
        if (current) setData(value);
      })
      .catch((caught) => {
        const apiError = asApiError(caught);
        if (current && apiError.code !== 'session_expired') setError(apiError);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  /**
   * Lists come from read models the services update a moment after a write returns: read again now and once
   * more shortly after, so what was just done shows without a manual refresh.
   */
  const reloadAfterWrite = useCallback(() => {
    setVersion((v) => v + 1);
    window.setTimeout(() => setVersion((v) => v + 1), 700);
  }, []);
  return { data, error, loading, reload, reloadAfterWrite, setData };
}
