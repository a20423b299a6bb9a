/** Ids in a path, documented as `parseId` (ids.ts) accepts them: the opaque-id form every service uses. */
export { ApiIdParam } from '@vaxledger/runtime';
