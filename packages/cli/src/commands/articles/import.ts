import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../../context';
import { CommandFailure, UsageError } from '../../errors';
import { createProgress, type Progress } from '../../output/progress';
import { type ArticleOutcome, importArticles } from './import-articles';
import { type CollectionOutcome, type ImportAction, importCollections } from './import-collections';
import { loadKnowledgeBase } from './knowledge-base';
import { scanSourceTree } from './source-tree';

export interface ImportFlags {
  dryRun?: boolean;
  concurrency?: number;
}

/** Requests in flight at once: enough to hide latency, few enough to stay under the rate limit's burst. */
const DEFAULT_CONCURRENCY = 4;

// A large import can run into the rate limit more than the default two retries allow; the SDK waits
// for the server's Retry-After each time and keeps the same Idempotency-Key.
const REQUEST = { maxRetries: 6 };

interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

/** The `--json` report: counts, every failure with its reason, and every file's outcome in file order. */
export interface ImportReport extends Tally {
  dryRun: boolean;
  interrupted: boolean;
  failed: Array<{ path: string; reason: string }>;
  items: ArticleOutcome[];
  collections: Tally & { failed: number; items: CollectionOutcome[] };
}

/** `opencom articles import <dir>`. */
export async function runImport(ctx: Context, dir: string, flags: ImportFlags): Promise<void> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${dir} is not a directory`);
  const tree = await scanSourceTree(root);
  const dryRun = flags.dryRun === true;
  const opencom = await ctx.api();
  const kb = await loadKnowledgeBase(opencom, REQUEST);

  const progress = createProgress(
    ctx.io,
    dryRun ? 'Checking' : 'Importing',
    tree.folders.length + tree.files.length,
  );
  const print = printer(ctx, progress, dryRun);
  let done = 0;
  let interrupted = false;
  const removeHandler = ctx.io.onInterrupt(() => {
    interrupted = true;
    progress.around(() =>
      ctx.output.warn('Interrupted: finishing the requests in flight, starting no more.'),
    );
  });
  const common = {
    opencom,
    tree,
    kb,
    dryRun,
    concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY,
    request: REQUEST,
    stopped: () => interrupted,
  };
  let collections: CollectionOutcome[] = [];
  let articles: ArticleOutcome[] = [];
  try {
    const folders = await importCollections({
      ...common,
      onOutcome(outcome) {
        progress.update(++done, outcome.path);
        print(outcome, `${outcome.path}/`);
      },
    });
    collections = [...folders.values()];
    if (!interrupted) {
      articles = await importArticles({
        ...common,
        folders,
        onOutcome(outcome) {
          progress.update(++done, outcome.path);
          print(outcome, outcome.path);
        },
      });
    }
  } finally {
    removeHandler();
    progress.stop();
  }

  const report: ImportReport = {
    dryRun,
    interrupted,
    ...tally(articles),
    failed: [
      ...collections.filter(isFailed).map((c) => ({ path: `${c.path}/`, reason: c.reason })),
      ...articles.filter(isFailed).map((a) => ({ path: a.path, reason: a.reason })),
    ],
    items: articles,
    collections: { ...tally(collections), failed: collections.filter(isFailed).length, items: collections },
  };
  ctx.output.result(report, () => summarize(ctx, report, tree.files.length, dir));
  if (interrupted)
    throw new CommandFailure(
      `interrupted: ${tree.files.length - articles.length} of ${tree.files.length} files not imported`,
    );
  if (report.failed.length > 0) throw new CommandFailure('');
}

const isFailed = <T extends { action: ImportAction; reason?: string }>(o: T): o is T & { reason: string } =>
  o.action === 'failed';

function tally(outcomes: ReadonlyArray<{ action: ImportAction }>): Tally {
  const count = (action: ImportAction) => outcomes.filter((o) => o.action === action).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
}

const WORDS: Record<ImportAction, [string, string]> = {
  created: ['created', 'would create'],
  updated: ['updated', 'would update'],
  unchanged: ['unchanged', 'unchanged'],
  failed: ['failed', 'failed'],
};

/**
 * Prints one line per folder and file as it settles (human output only): outcomes on stdout, failures
 * with their reason on stderr, each with the progress bar out of the way.
 */
function printer(ctx: Context, progress: Progress, dryRun: boolean) {
  const { output } = ctx;
  const width = dryRun ? 'would create'.length : 'unchanged'.length;
  const colour = {
    created: output.style.green,
    updated: output.style.yellow,
    unchanged: output.style.dim,
    failed: output.style.red,
  };
  return (outcome: { action: ImportAction; changes: string[]; reason?: string }, path: string) => {
    if (output.json) return;
    progress.around(() => {
      if (outcome.action === 'failed') {
        ctx.io.err.write(`${output.errStyle.red('✗')} ${path}: ${outcome.reason}\n`);
        return;
      }
      const word = WORDS[outcome.action][dryRun ? 1 : 0];
      const changes = outcome.changes.length > 0 ? `  (${outcome.changes.join(', ')})` : '';
      output.text(`${colour[outcome.action](word.padEnd(width))}  ${path}${changes}`);
    });
  };
}

function summarize(ctx: Context, report: ImportReport, files: number, dir: string): void {
  const { output } = ctx;
  if (files === 0 && report.collections.items.length === 0) {
    output.note(`No Markdown files in ${dir}.`);
    return;
  }
  const c = report.collections;
  const line = `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, failed ${report.failed.length} (collections: created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged})`;
  if (report.dryRun) output.note(`Dry run, nothing was written: ${line}`);
  else if (report.failed.length > 0 || report.interrupted) output.warn(line);
  else output.success(line);
}
