import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument, operations } from '../spec/documents';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');

/** The shell lines of the README's quick start block. */
function quickStartCommands(): string[] {
  const block = readme.split('## Quick start')[1]?.split('```sh')[1]?.split('```')[0] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('README', () => {
  it('has a quick start of two commands: the main job (the demo) and the tests', () => {
    const commands = quickStartCommands();
    expect(commands).toEqual([
      'npm install -g pnpm@10.34.9 && pnpm install --frozen-lockfile && pnpm demo',
      'npm install -g pnpm@10.34.9 && pnpm install --frozen-lockfile && pnpm test',
    ]);
  });

  it('points from the quick start to `pnpm start` (API reference, reference server and dashboard)', () => {
    const text = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    expect(text).toContain('`pnpm start`');
    expect(text).toContain('http://127.0.0.1:4010/dashboard');
  });

  it('.ci/run runs the README test command verbatim', () => {
    const testCommand = quickStartCommands()[1] ?? '';
    expect(ci.split('\n').map((line) => line.trim())).toContain(testCommand);
  });

  it('maps seed routes only to operationIds that exist in the spec', () => {
    const ids = new Set(operations(openapiDocument).map(({ operation }) => operation.operationId as string));
    const table = readme.split('### Migrating from the seed')[1]?.split('\n\n')[2] ?? '';
    const operationColumn = table.split('\n').map((row) => row.split('|')[3] ?? '');
    const named = operationColumn.flatMap((cell) =>
      [...cell.matchAll(/`([a-z][A-Za-z]+)`/g)].map((m) => m[1] as string),
    );
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
    // …and every operation of the spec appears in the table.
    expect([...ids].filter((id) => !named.includes(id))).toEqual([]);
  });
});
