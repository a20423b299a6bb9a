export * from './dead-letter';
export * from './bus-logger';
export { defaultMaxAttempts } from './delivery-attempts';
export * from './in-process-event-bus';
export * from './kafka-event-bus';
export * from './kafka-security';
export * from './kafka-acls';
export * from './processed-message-guard';
export * from './kafka-topics';
