export * from './memory-store';
export * from './redis-store';
export * from './sqlite-store';
