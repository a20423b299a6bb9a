export * from './engines';
export * from './standalone-app';
