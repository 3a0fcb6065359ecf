import type { Failure } from '../api/failure';

/** A failed call, with the problem code and request ID to quote. */
export function ErrorMessage({ failure }: { failure: Failure | null }) {
  if (failure === null) return null;
  const details = [failure.code, failure.requestId && `request ${failure.requestId}`].filter(Boolean);
  return (
    <p class="error" role="alert">
      <strong>Error:</strong> {failure.message}
      {details.length > 0 && <span class="muted"> ({details.join(', ')})</span>}
    </p>
  );
}
