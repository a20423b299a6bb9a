export * from './secrets';
export * from './standalone-infrastructure';
