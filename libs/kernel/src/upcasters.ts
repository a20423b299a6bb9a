import type { RecordedEvent } from './events';

/** Turns a stored event of an older schema version into the next version. Pure. */
export type Upcaster = (event: RecordedEvent) => RecordedEvent;

/**
 * Old event versions are upcast on read: register one step per (type, fromVersion); `upcast` applies the
 * chain until no step matches, so handlers only ever see the current shape.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  register(type: string, fromVersion: number, upcaster: Upcaster): this {
    const key = `${type}@${fromVersion}`;
    if (this.steps.has(key)) throw new Error(`Upcaster for ${key} is already registered`);
    this.steps.set(key, upcaster);
    return this;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    let current = event;
    for (let guard = 0; guard < 100; guard++) {
      const step = this.steps.get(`${current.type}@${current.metadata.schemaVersion}`);
      if (!step) return current;
      const next = step(current);
      if (next.type === current.type && next.metadata.schemaVersion <= current.metadata.schemaVersion) {
        throw new Error(`Upcaster for ${current.type}@${current.metadata.schemaVersion} did not advance the version`);
      }
      current = next;
    }
    throw new Error(`Upcaster chain for ${event.type} does not terminate`);
  }
}

export const noUpcasters = new UpcasterRegistry();
