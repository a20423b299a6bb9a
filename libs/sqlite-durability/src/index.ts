export * from './wal-fsync';
