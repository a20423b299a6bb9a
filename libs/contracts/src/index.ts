export * from './topics';
export * from './administrative-units';
