export * from './wal-fsync';
export * from './wal-checkpointer';
