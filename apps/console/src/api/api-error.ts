/** A refusal from the API (or the network), carrying the `error` code the console turns into a sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'ApiError';
  }

  /** Field names the server found invalid (`validation_failed` details), e.g. `address.provinceCode`. */
  get invalidFields(): string[] {
    if (!Array.isArray(this.details)) return [];
    return this.details
      .map((detail) =>
        detail && typeof detail === 'object' ? (detail as { field?: unknown }).field : undefined,
      )
      .filter((field): field is string => typeof field === 'string');
  }
}

/** Any thrown value, as an ApiError: the console never shows a raw exception. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TypeError) return new ApiError(0, 'network_unreachable');
  return new ApiError(0, 'unexpected');
}
