/**
 * Collection names and field paths end up inside SQL text (SQLite expression indexes only match a literal
 * json path) and Mongo keys, so both adapters accept only plain identifiers, never anything that could escape.
 */
import { validationError } from '@vaxledger/kernel';

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]{0,62}(\.[A-Za-z][A-Za-z0-9_]{0,62}){0,7}$/;

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) {
    throw validationError(
      'READ_MODEL.BAD_COLLECTION_NAME',
      `Collection name ${JSON.stringify(name)} is not a plain identifier`,
    );
  }
}

export function assertFieldPath(path: string): void {
  if (!FIELD_PATH.test(path)) {
    throw validationError(
      'READ_MODEL.BAD_FIELD_PATH',
      `Field ${JSON.stringify(path)} is not a plain dotted identifier`,
    );
  }
}

export function assertPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw validationError(
      'READ_MODEL.BAD_POSITION',
      `Position must be a non-negative safe integer, got ${position}`,
    );
  }
}
