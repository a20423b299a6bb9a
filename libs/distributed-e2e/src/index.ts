export * from './authenticator-app';
export * from './deployment-secrets';
export * from './distributed-deployment';
export * from './gateway-client';
export * from './kafka-tap';
export * from './nginx-gateway';
export * from './outbox-file';
export * from './service-processes';
