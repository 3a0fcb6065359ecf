import { AuthenticationError, OpencomError, PermissionError } from '@opencom/sdk';

/** A failed call as the page shows it: what went wrong, the problem `code` and the request ID. */
export interface Failure {
  message: string;
  code: string | undefined;
  requestId: string | undefined;
}

/** A control-API call that answered with a problem document. */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

/** The SDK's and the control client's errors, and anything else, in one shape. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof OpencomError) {
    return {
      message: error.detail ?? error.message.replace(/^@opencom\/sdk: /, ''),
      code: error.code,
      requestId: error.requestId,
    };
  }
  if (error instanceof ControlError) {
    return { message: error.message, code: error.code, requestId: error.requestId };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    code: undefined,
    requestId: undefined,
  };
}

/** True when the dashboard's own key stopped working (rotated, disabled, expired, or unknown). */
export function isKeyLost(error: unknown): boolean {
  if (error instanceof AuthenticationError) return true;
  return (
    error instanceof PermissionError &&
    (error.code === 'credential_disabled' || error.code === 'credential_expired')
  );
}
