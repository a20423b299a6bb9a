/**
 * A small History-API router: page addresses are real paths (the server answers every one with index.html).
 * Personal data never goes into an address: forms hand it to the next page through the history state.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export interface Place {
  path: string;
  search: URLSearchParams;
  state: unknown;
}

const listeners = new Set<() => void>();
let snapshot: Place = read();

function read(): Place {
  return {
    path: window.location.pathname,
    search: new URLSearchParams(window.location.search),
    state: window.history.state,
  };
}

function changed() {
  snapshot = read();
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', changed);

export function navigate(to: string, options: { state?: unknown; replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(options.state ?? null, '', to);
  else window.history.pushState(options.state ?? null, '', to);
  changed();
}

export function usePlace(): Place {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

/** The current address (path and query) to come back to after signing in again. */
export function currentAddress(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** `/people/:id` against `/people/0193…` → `{ id: '0193…' }`, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

export function Link({
  to,
  state,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; state?: unknown }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to, { state });
  };
  return <a href={to} {...rest} onClick={onClick} />;
}
