/**
 * Distributed delivery of SMS codes through an HTTP SMS gateway: one JSON POST per message, authenticated
 * with a bearer token. The gateway answering 2xx means it accepted the message; anything else is an error
 * the caller sees (no silent loss of a sign-in code).
 */
import type { MessageDelivery, OutboundMessage } from '@vaxledger/kernel';

export interface SmsGatewayOptions {
  url: string;
  token: string;
  /** Sender name or number registered with the gateway. */
  sender?: string;
  timeoutMs?: number;
}

export class SmsGatewayDelivery implements MessageDelivery {
  constructor(private readonly options: SmsGatewayOptions) {}

  async send(message: OutboundMessage): Promise<void> {
    if (message.channel !== 'sms') throw new Error(`SmsGatewayDelivery sends SMS only, not ${message.channel}`);
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
      body: JSON.stringify({ to: message.to, text: message.body, sender: this.options.sender ?? 'vaxledger', purpose: message.purpose }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      // The body may echo the message; only the status is reported.
      throw new Error(`SMS gateway refused the message: HTTP ${response.status}`);
    }
  }
}
