export * from './secrets';
export * from './standalone-infrastructure';
export * from './distributed-config';
export * from './engine-credentials';
export * from './distributed-infrastructure';
export * from './run-distributed-service';
export * from './delivery-config';
export * from './pipeline-process';
