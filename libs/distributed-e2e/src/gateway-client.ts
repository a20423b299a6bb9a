/** HTTP calls to the API gateway as a client outside the deployment makes them. */

export interface GatewayResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

export interface GatewayRequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly userAgent = 'vaxledger-distributed-e2e/1.0',
  ) {}

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: GatewayRequestOptions = {},
  ): Promise<GatewayResponse<T>> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // nginx's own error pages are HTML; keep them as text
    }
    return {
      status: response.status,
      body: body as T,
      headers: Object.fromEntries(response.headers.entries()),
    };
  }
}

/** Polls `check` until it returns a value, naming what it waited for when time runs out. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message ?? last}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
