// API keys (`osk_` + 48 alphanumerics) and bearer tokens, wherever a server or a fetch implementation
// might have echoed them into text that ends up in an error message.
const SECRETS = /osk_[A-Za-z0-9]{8,}|Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/** Replaces anything that looks like an API key or bearer token with a placeholder. */
export function redact(text: string): string {
  return text.replace(SECRETS, (match) =>
    match.startsWith('osk_') ? 'osk_[redacted]' : 'Bearer [redacted]',
  );
}

/**
 * The error to keep as a `cause`: the original, unless its message or stack carries something that
 * looks like a key, in which case a copy with those parts redacted (same name and `code`).
 */
export function redactCause(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? redact(error) : error;
  const text = `${error.message}\n${error.stack ?? ''}`;
  if (redact(text) === text) return error;
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  copy.stack = redact(error.stack ?? '');
  const { code } = error as { code?: unknown };
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}
