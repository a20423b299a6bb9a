/** Delivery of activation tokens and one-time codes to a person's own email or phone. */
export interface OutboundMessage {
  to: string;
  channel: 'email' | 'sms';
  purpose: 'activation' | 'otp';
  /** The token or code itself. */
  code: string;
  body: string;
}

export interface MessageDelivery {
  send(message: OutboundMessage): Promise<void>;
}
