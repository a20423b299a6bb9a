/**
 * The one way the console talks to /api/v1: JSON in and out, the bearer token attached, the access token renewed
 * with the refresh token (which rotates on every use) before it lapses or after a 401, and the session handed
 * back to the sign-in screen when it cannot be renewed.
 */
import { ApiError } from './api-error';
import type { ErrorBody, IssuedTokens, RefreshInput } from './contract';
import type { TokenStore } from '../session/token-store';

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Login, code verification and activation are made before there is a session. */
  anonymous?: boolean;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class ApiClient {
  private renewal: Promise<boolean> | null = null;
  /** Called once when a session ends under the user's feet (expired, revoked, ended elsewhere). */
  onSessionLost: () => void = () => undefined;

  constructor(
    private readonly tokens: TokenStore,
    private readonly baseUrl = '/api/v1',
  ) {}

  get<T>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    if (options.anonymous) return this.send<T>(method, path, options, null);
    let session = this.tokens.current();
    if (!session) throw this.sessionLost();
    if (Date.now() >= session.renewAfter) {
      if (!(await this.renew())) throw this.sessionLost();
      session = this.tokens.current()!;
    }
    try {
      return await this.send<T>(method, path, options, session.accessToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      // The access token was refused (lapsed while the tab slept, or revoked): one renewal, one retry.
      if (!(await this.renew())) throw this.sessionLost();
      try {
        return await this.send<T>(method, path, options, this.tokens.current()!.accessToken);
      } catch (retryError) {
        if (retryError instanceof ApiError && retryError.status === 401) throw this.sessionLost();
        throw retryError;
      }
    }
  }

  /** Exchanges the refresh token for new tokens; concurrent callers share one exchange (the token is single use). */
  renew(): Promise<boolean> {
    this.renewal ??= (async () => {
      const refreshToken = this.tokens.current()?.refreshToken;
      if (!refreshToken) return false;
      try {
        const issued = await this.send<IssuedTokens>(
          'POST',
          '/auth/refresh',
          { body: { refreshToken } satisfies RefreshInput },
          null,
        );
        this.tokens.store(issued);
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      this.renewal = null;
    });
    return this.renewal;
  }

  private sessionLost(): ApiError {
    this.tokens.clear();
    this.onSessionLost();
    return new ApiError(401, 'session_expired');
  }

  private async send<T>(
    method: Method,
    path: string,
    options: RequestOptions,
    accessToken: string | null,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let payload: unknown = null;
    try {
      payload = text ? JSON.parse(text) : null;
    } catch {
      payload = null;
    }
    if (!response.ok) {
      const body = (payload ?? {}) as Partial<ErrorBody>;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiError(
        response.status,
        typeof body.error === 'string'
          ? body.error
          : response.status >= 500
            ? 'internal_error'
            : 'unexpected',
        body.details,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    return payload as T;
  }
}
