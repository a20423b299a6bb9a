import { z } from 'zod';

/**
 * The tokens a finished sign-in (POST /auth/otp/verify) and a refresh (POST /auth/refresh) answer with:
 * `SessionTokens.start` and `RefreshSessionHandler` build exactly this.
 */
export const issuedTokensAnswer = z.object({
  accessToken: z.string().min(1).describe('A signed access token (JWT, EdDSA) for `Authorization: Bearer`'),
  refreshToken: z.string().min(1).describe('`<sessionId>.<random>`, single use: every refresh rotates it'),
  expiresIn: z.number().int().positive().describe('Seconds the access token is valid (IDENTITY_ACCESS_TOKEN_TTL_SECONDS)'),
  tokenType: z.literal('Bearer'),
});

export type IssuedTokensAnswer = z.infer<typeof issuedTokensAnswer>;

export const issuedTokensExample: IssuedTokensAnswer = {
  accessToken:
    'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6IjRmOGMyZTFhIn0.eyJzdWIiOiIzYjZkOWYyZS04YzFhLTRlNWItOWQ3Zi0yYTZjOGUwYjRkMTkiLCJzaWQiOiI3ZTJmNGIxYy05YTNkLTRjNmUtOGYwYi0xZDVhN2MzZTlmMjQiLCJyb2xlIjoic3RhZmYiLCJleHAiOjE3MzM5MTI5MDB9.q3Xr8vN2kLpT7yHc1mZ0aWsE5dJfU4oBnGtR9iK6xVhA2eYwC8zQbP1lMjS3uDnF7gOe0rTk4yHv5sWq9aXcBg',
  refreshToken: '7e2f4b1c-9a3d-4c6e-8f0b-1d5a7c3e9f24.Jx3kQ9v_Lm2Zr8TfW1nYc5bHs0dPq7uE4gAo6iKtVyM',
  expiresIn: 900,
  tokenType: 'Bearer',
};

