export * from './principal';
export * from './scope';
export * from './token-keys';
export * from './access-tokens';
export * from './revocation';
export * from './step-up';
export * from './access-token.guard';
export * from './auth-providers';
