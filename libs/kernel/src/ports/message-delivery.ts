/** Delivery of activation tokens and one-time codes to a person's own email or phone. */
export interface OutboundMessage {
  to: string;
  channel: 'email' | 'sms';
  /** `citizen_otp`: the code a citizen asked for to read their own record (certificates). */
  purpose: 'activation' | 'otp' | 'citizen_otp';
  /** The token or code itself. */
  code: string;
  body: string;
}

export interface MessageDelivery {
  send(message: OutboundMessage): Promise<void>;
}
