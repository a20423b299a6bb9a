import type { Decider } from './decider';
import { DomainError } from './errors';
import type { DomainEvent } from './events';

/**
 * Given/when/then specification for deciders, with no mocks:
 *   spec(decider).given([e1, e2]).when(command).then([e3])
 *   spec(decider).given([]).when(command).thenThrows('SUBJECT.ALREADY_REGISTERED')
 * Framework-agnostic: failures throw plain Errors that any test runner reports.
 */
export function deciderSpec<C, S, E extends DomainEvent>(decider: Decider<C, S, E>) {
  return {
    given(events: E[]) {
      return {
        when(command: C) {
          const run = () => {
            const state = events.reduce(decider.evolve, decider.initialState());
            return decider.decide(command, state);
          };
          return {
            then(expected: E[]): void {
              const actual = run();
              const a = JSON.stringify(actual);
              const b = JSON.stringify(expected);
              if (a !== b) throw new Error(`Decider produced\n  ${a}\nexpected\n  ${b}`);
            },
            /** Returns the events for finer assertions. */
            events(): E[] {
              return run();
            },
            thenThrows(code: string): DomainError {
              try {
                const produced = run();
                throw new Error(`Expected ${code} but decider produced ${JSON.stringify(produced)}`);
              } catch (error) {
                if (error instanceof DomainError) {
                  if (error.code !== code) throw new Error(`Expected ${code} but got ${error.code}: ${error.message}`);
                  return error;
                }
                throw error;
              }
            },
          };
        },
      };
    },
  };
}
