/**
 * `pnpm start` (for now): builds the browsable API reference from the spec and prints what the
 * contract holds, so a new user sees the whole API in one page.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openapiDocument, operations } from '../spec/documents';

const page = resolve(import.meta.dirname, '../docs/api/index.html');
if (!existsSync(page)) {
  console.error('docs/api/index.html was not built; run `pnpm run docs`.');
  process.exit(1);
}

const byTag = new Map<string, string[]>();
for (const { operation } of operations(openapiDocument)) {
  const tag = (operation.tags as string[])[0] ?? 'Other';
  byTag.set(tag, [...(byTag.get(tag) ?? []), operation.operationId as string]);
}
const events = operations(openapiDocument, 'webhooks').map(({ path }) => path);
const total = [...byTag.values()].reduce((sum, ids) => sum + ids.length, 0);

console.log(`Opencom automation API ${(openapiDocument.info as { version: string }).version}`);
console.log(`${total} operations, ${events.length} event types\n`);
for (const [tag, ids] of byTag) console.log(`  ${tag.padEnd(20)} ${ids.join(', ')}`);
console.log(`\nEvents: ${events.join(', ')}`);
console.log(
  `\nAPI reference: ${page} (${Math.round(statSync(page).size / 1024)} KiB) — open it in a browser.`,
);
