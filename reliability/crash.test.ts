/**
 * Crash durability of the built `opencom-mock --data <dir>` (packages/mock-server/dist/bin.js, made
 * by `pnpm build`): under a concurrent write load it is killed with SIGKILL at seeded random
 * moments and restarted on the same directory, and every write a client saw acknowledged must be
 * there afterwards, exactly once.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type BinProcess, exitOf, startBin } from '../packages/mock-server/test/bin-process';
import { recordCounts } from './support';

const BIN = fileURLToPath(new URL('../packages/mock-server/dist/bin.js', import.meta.url));
const CYCLES = 6;
const counts = { crashesSurvived: 0, acknowledgedWrites: 0, attemptedWrites: 0 };
afterAll(() => recordCounts('crash', counts));

/** Starts the built server; on the first start it seeds a workspace and prints its key. */
function start(dataDir: string, seed: boolean): Promise<BinProcess> {
  const args = ['--no-dashboard', '--rate-limit', 'off', '--data', dataDir];
  return startBin([BIN], seed ? [...args, '--seed', 'empty'] : args);
}

describe('opencom-mock --data under SIGKILL', () => {
  it(`keeps every acknowledged write across ${CYCLES} kills at random points of a concurrent write load`, async () => {
    expect(existsSync(BIN), `${BIN} is missing: run pnpm build`).toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'opencom-crash-'));
    const killAfterMs = fc.sample(fc.integer({ min: 30, max: 400 }), { seed: 5_150, numRuns: CYCLES });
    const acknowledged = new Map<string, string>();
    let key = '';
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await start(dataDir, cycle === 0);
        if (server.key) key = server.key;
        const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
        // Everything acknowledged before this start must have survived the previous kill.
        for (const [id, name] of acknowledged) {
          const response = await fetch(`${server.url}/api/v1/visitors/${id}`, { headers });
          expect(response.status, `${name} (${id}) lost after kill ${cycle}`).toBe(200);
          expect(((await response.json()) as { name: string }).name).toBe(name);
        }
        let stop = false;
        let firstAck: () => void = () => undefined;
        const acknowledgedOnce = new Promise<void>((resolve) => {
          firstAck = resolve;
        });
        const worker = async (w: number) => {
          for (let i = 0; !stop; i++) {
            const name = `c${cycle}-w${w}-${i}`;
            counts.attemptedWrites++;
            try {
              const response = await fetch(`${server.url}/api/v1/visitors`, {
                method: 'POST',
                headers,
                body: JSON.stringify({ name, externalId: name }),
              });
              if (response.status !== 201) throw new Error(`POST /visitors → ${response.status}`);
              acknowledged.set(((await response.json()) as { id: string }).id, name);
              firstAck();
            } catch (error) {
              if (!stop) throw error;
              return; // The kill cut this request: it was never acknowledged.
            }
          }
        };
        const load = Promise.all([0, 1, 2, 3].map(worker));
        // Killed mid-load: at a random moment after the writes are flowing, however slow the machine.
        await Promise.race([acknowledgedOnce, load]);
        await new Promise((resolve) => setTimeout(resolve, killAfterMs[cycle]));
        stop = true;
        server.child.kill('SIGKILL');
        await Promise.all([load, exitOf(server.child)]);
        counts.crashesSurvived++;
      }
      // A last start: every acknowledged write present, and no visitor stored twice.
      const last = await start(dataDir, false);
      try {
        const names: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const response = await fetch(`${last.url}/api/v1/visitors?limit=100${query}`, {
            headers: { authorization: `Bearer ${key}` },
          });
          const page = (await response.json()) as { data: { name: string }[]; nextCursor: string | null };
          names.push(...page.data.map((visitor) => visitor.name));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(names).size).toBe(names.length);
        for (const name of acknowledged.values()) expect(names).toContain(name);
      } finally {
        last.child.kill('SIGKILL');
        await exitOf(last.child);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    counts.acknowledgedWrites = acknowledged.size;
    expect(acknowledged.size).toBeGreaterThanOrEqual(CYCLES);
  });
});
