/** Turns a port-level FieldFilter into validated conditions, so both adapters accept and refuse the same filters. */
import { validationError, type FieldFilter, type FindOptions } from '@vaxledger/kernel';
import { assertFieldPath } from './identifiers';

export type ScalarValue = string | number | boolean;

export type FilterCondition =
  | { field: string; operator: 'eq'; value: ScalarValue }
  /** Matches documents whose field is null or missing (Mongo's `{ field: null }`). */
  | { field: string; operator: 'isNull' }
  | { field: string; operator: 'gte' | 'lte'; value: string | number }
  | { field: string; operator: 'in'; values: Array<string | number> };

export function parseFilter(filter: FieldFilter): FilterCondition[] {
  const conditions: FilterCondition[] = [];
  for (const [field, expected] of Object.entries(filter)) {
    assertFieldPath(field);
    if (expected === null) {
      conditions.push({ field, operator: 'isNull' });
    } else if (typeof expected !== 'object') {
      conditions.push({ field, operator: 'eq', value: assertScalar(field, expected) });
    } else {
      const operators = Object.keys(expected);
      if (operators.length === 0) throw badFilter(field, 'an operator object needs $gte, $lte or $in');
      for (const operator of operators) {
        if (operator === '$gte' || operator === '$lte') {
          const bound = expected[operator];
          if (typeof bound !== 'string' && typeof bound !== 'number')
            throw badFilter(field, `${operator} needs a string or number`);
          conditions.push({
            field,
            operator: operator === '$gte' ? 'gte' : 'lte',
            value: assertScalar(field, bound) as string | number,
          });
        } else if (operator === '$in') {
          const values = expected.$in;
          if (
            !Array.isArray(values) ||
            values.some((value) => typeof value !== 'string' && typeof value !== 'number')
          ) {
            throw badFilter(field, '$in needs an array of strings or numbers');
          }
          values.forEach((value) => assertScalar(field, value));
          conditions.push({ field, operator: 'in', values });
        } else {
          throw badFilter(field, `unsupported operator ${JSON.stringify(operator)}`);
        }
      }
    }
  }
  return conditions;
}

export function parseSort(options: FindOptions | undefined): Array<[string, 1 | -1]> {
  const sort = options?.sort ?? [];
  for (const [field, direction] of sort) {
    assertFieldPath(field);
    if (direction !== 1 && direction !== -1) throw badFilter(field, 'sort direction must be 1 or -1');
  }
  return sort;
}

export function parseLimit(options: FindOptions | undefined): number | undefined {
  const limit = options?.limit;
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw validationError('READ_MODEL.BAD_LIMIT', `limit must be a positive integer, got ${limit}`);
  }
  return limit;
}

function assertScalar(field: string, value: unknown): ScalarValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw badFilter(field, 'values must be strings, finite numbers or booleans');
}

function badFilter(field: string, reason: string) {
  return validationError('READ_MODEL.BAD_FILTER', `Filter on ${JSON.stringify(field)}: ${reason}`);
}
