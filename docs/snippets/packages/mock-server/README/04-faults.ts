// packages/mock-server/README.md, "The control API": faults.

// #region sample
await fetch('http://127.0.0.1:4010/__control/faults', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  // The ticket is created and its Idempotency-Key stored, then the connection drops; a retry with
  // the same key gets the stored 201 with `Idempotent-Replayed: true`.
  body: JSON.stringify({ match: { method: 'POST', path: '/api/v1/tickets' }, kind: 'reset_after_commit' }),
});
// #endregion
