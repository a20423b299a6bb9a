export * from './read-purposes';
export * from './cross-facility-read-gate';
export * from './cross-facility-read-settings';
export * from './cross-facility-read-docs';
