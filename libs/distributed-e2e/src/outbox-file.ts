/** The JSON-lines outbox (`OUTBOX_FILE`) of identity and immunization: activation tokens, one-time codes and the citizens' look-up codes they delivered. */
import { existsSync, readFileSync } from 'node:fs';

export interface DeliveredMessage {
  to: string;
  channel: string;
  purpose: string;
  code: string;
  body: string;
}

export class OutboxFile {
  constructor(readonly path: string) {}

  messages(): DeliveredMessage[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DeliveredMessage);
  }

  /** The newest message of `purpose` sent to `to`, if any. */
  latest(to: string, purpose: string): DeliveredMessage | undefined {
    return this.messages()
      .filter((m) => m.to === to && m.purpose === purpose)
      .pop();
  }

  /** How many messages were sent to `to` so far: pass it to `nextFor` to wait for the one after. */
  countFor(to: string): number {
    return this.messages().filter((m) => m.to === to).length;
  }

  /** The first message of `purpose` to `to` after the first `seen` messages to that address, or undefined. */
  after(to: string, purpose: string, seen: number): DeliveredMessage | undefined {
    return this.messages()
      .filter((m) => m.to === to)
      .slice(seen)
      .find((m) => m.purpose === purpose);
  }
}
