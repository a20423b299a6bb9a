import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MessageDelivery, OutboundMessage } from '@vaxledger/kernel';

/**
 * Standalone delivery: one JSON object per line in `<data dir>/outbox/messages.jsonl` with `to`, `channel`,
 * `purpose`, `code` and `body`. A site operator (or a local SMS/mail bridge) reads it; the file is the
 * delivery channel itself, so it is written synchronously before the caller is told the message was sent.
 */
export class OutboxFileDelivery implements MessageDelivery {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  async send(message: OutboundMessage): Promise<void> {
    const line = JSON.stringify({
      to: message.to,
      channel: message.channel,
      purpose: message.purpose,
      code: message.code,
      body: message.body,
      sentAt: new Date().toISOString(),
    });
    appendFileSync(this.path, line + '\n', { mode: 0o600 });
  }
}
