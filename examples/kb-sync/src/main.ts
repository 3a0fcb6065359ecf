// OPENCOM_API_KEY=osk_… [OPENCOM_BASE_URL=…] pnpm sync [folder]   (default: ./kb)
// The same result as `opencom articles import ./kb`, through the SDK. Safe to run again: the second run
// reports every record unchanged.
import { resolve } from 'node:path';
import { Opencom, OpencomError } from '@opencom/sdk';
import { KnowledgeBaseError, readKnowledgeBase } from './knowledge-base';
import { syncKnowledgeBase } from './sync-knowledge-base';

const folder = resolve(process.argv[2] ?? 'kb');
try {
  const changes = await syncKnowledgeBase(new Opencom(), await readKnowledgeBase(folder));
  for (const { kind, externalId, action } of changes) {
    if (action !== 'unchanged') console.log(`${action.padEnd(8)} ${kind} ${externalId}`);
  }
  const count = (action: string) => changes.filter((c) => c.action === action).length;
  console.log(
    `kb-sync: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`,
  );
} catch (error) {
  // A broken file, a missing key or a refused request: one line that says what to fix, no stack trace.
  if (!(error instanceof KnowledgeBaseError || error instanceof OpencomError)) throw error;
  const code = error instanceof OpencomError && error.code ? ` (${error.code})` : '';
  console.error(`kb-sync: ${error.message.replace(/^@opencom\/sdk: /, '')}${code}`);
  process.exitCode = 1;
}
