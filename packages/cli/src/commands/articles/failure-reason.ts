import { OpencomError } from '@opencom/sdk';
import { describeError } from '../../error-report';
import { SourceError } from './front-matter';

/**
 * Why one file or folder failed, as shown next to its path: what to fix in the file, or the API's
 * problem with its code and request ID. Anything else is a bug and is thrown on.
 */
export function failureReason(error: unknown): string {
  if (error instanceof SourceError || error instanceof OpencomError) return describeError(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && error instanceof Error) return `cannot read it (${code})`;
  throw error;
}
