/** Delivery of activation tokens, one-time codes and vaccination reminders to a person's own email or phone. */
export interface OutboundMessage {
  to: string;
  channel: 'email' | 'sms';
  purpose: 'activation' | 'otp' | 'reminder';
  /** The token or code itself. */
  code: string;
  body: string;
}

export interface MessageDelivery {
  send(message: OutboundMessage): Promise<void>;
}
