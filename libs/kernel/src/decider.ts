import type { DomainEvent } from './events';

/**
 * An aggregate as three pure functions. `decide` throws a DomainError when the command breaks a rule;
 * it never performs I/O and receives time through the command.
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  initialState: () => TState;
  decide: (command: TCommand, state: TState) => TEvent[];
  evolve: (state: TState, event: TEvent) => TState;
}

export function foldEvents<TState, TEvent extends DomainEvent>(
  decider: Pick<Decider<unknown, TState, TEvent>, 'initialState' | 'evolve'>,
  events: readonly TEvent[],
): TState {
  return events.reduce(decider.evolve, decider.initialState());
}
