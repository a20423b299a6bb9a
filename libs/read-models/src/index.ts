export * from './sqlite-read-model-store';
export * from './mongo-read-model-store';
export * from './unique-index-violation';
export * from './mongo-connection';
