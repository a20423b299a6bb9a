export * from './outbox-file-delivery';
export * from './smtp-delivery';
export * from './sms-gateway-delivery';
export * from './channel-routed-delivery';
