export { SqliteEventStore, type SqliteEventStoreOptions, type GroupCommitStats } from './sqlite-event-store';
export { EventStoreDbEventStore } from './eventstoredb-event-store';
