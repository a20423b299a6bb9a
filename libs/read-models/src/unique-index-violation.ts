import { DomainError } from '@vaxledger/kernel';

/**
 * A write would give two documents the same value in a unique read-model index. Uniqueness itself is enforced on
 * the write side, so this signals a projection bug or a corrupted read model; the offending value is not
 * included because it is usually personal data.
 */
export class UniqueIndexViolation extends DomainError {
  constructor(
    readonly collection: string,
    readonly documentId: string,
    cause?: unknown,
  ) {
    super(
      'conflict',
      'READ_MODEL.UNIQUE_VIOLATION',
      `A unique index of read model "${collection}" was violated`,
      {
        collection,
        documentId,
      },
    );
    this.name = 'UniqueIndexViolation';
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
