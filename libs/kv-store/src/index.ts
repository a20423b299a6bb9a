export * from './memory-store';
export * from './redis-store';
