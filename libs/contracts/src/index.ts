export * from './topics';
export * from './administrative-units';
export * from './immunization-messages';
export * from './topic-access';
