// `await using` needs Symbol.asyncDispose. Node 20.4+, Deno, Bun and current browsers define it; older
// engines do not, so the session module defines it (as the registered symbol TypeScript's own helpers
// fall back to). The matching type declarations are in resources/claim-session.ts, so they travel with
// the published declarations of the class that uses them.

/** Defines `Symbol.asyncDispose` where the runtime lacks it. */
export function polyfillAsyncDispose(): void {
  const symbols = Symbol as { asyncDispose?: symbol };
  symbols.asyncDispose ??= Symbol.for('Symbol.asyncDispose');
}
