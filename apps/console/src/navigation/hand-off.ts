/**
 * Personal details carried from one screen to the next (search terms to the registration form) in memory only:
 * never in an address, and never in the history state a browser may write to disk.
 */
const parcels = new Map<string, unknown>();

export function handOff<T>(to: string, value: T): void {
  parcels.set(to, value);
}

/** Reads what was handed to this screen, once. */
export function receive<T>(at: string): T | undefined {
  const value = parcels.get(at) as T | undefined;
  parcels.delete(at);
  return value;
}

/** Remembered while the tab lives, e.g. the last search to show again after opening a record and coming back. */
export const remembered = new Map<string, unknown>();
