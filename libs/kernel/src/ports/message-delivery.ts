/** Delivery of activation tokens, one-time codes and vaccination reminders to a person's own email or phone. */
export interface OutboundMessage {
  to: string;
  channel: 'email' | 'sms';
  /**
   * `reminder`: a next-dose reminder; `citizen_otp`: the code a citizen asked for to read their own record;
   * `password_reset`: the single-use token of an administrator's password reset.
   */
  purpose: 'activation' | 'otp' | 'reminder' | 'citizen_otp' | 'password_reset';
  /** The token or code itself. */
  code: string;
  body: string;
}

export interface MessageDelivery {
  send(message: OutboundMessage): Promise<void>;
}
