export * from './topics';
export * from './administrative-units';
export * from './immunization-messages';
export * from './roles';
export * from './topic-access';
export * from './access-denials';
export * from './reference-data-file';
