import { DomainError } from '../../src/domain/errors.ts';

/** The DomainError `work` throws (fails the test when it returns or throws anything else). */
export function thrown(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
