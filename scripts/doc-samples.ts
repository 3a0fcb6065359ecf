/**
 * Every TypeScript sample in the docs is type-checked: it lives in a file under `docs/snippets/` (a
 * workspace package whose `typecheck` script `pnpm typecheck` runs), and the Markdown shows it verbatim.
 * The snippets of `<path>.md` live in `docs/snippets/<path>/`, e.g. `docs/snippets/packages/sdk/README/`.
 * A snippet file shows the code between `// #region <name>` and `// #endregion` (each region is one
 * sample; the lines around them declare what a fragment assumes), or the whole file if it has none.
 * scripts/doc-samples.test.ts compares the two.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const SNIPPETS = 'docs/snippets';

/** Fences that hold code the typecheck must see. */
const CODE_FENCE = /^```(ts|typescript|tsx|js|javascript|mjs)\s*$/;

/** The Markdown files that are docs: the READMEs, docs/ and the examples' READMEs (not node_modules, not the built API page). */
export function docFiles(root = ROOT): string[] {
  const found: string[] = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules' && path !== 'docs/api' && path !== SNIPPETS) {
        walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group))) {
      const readme = `${group}/${name}/README.md`;
      if (existsSync(join(root, readme))) found.push(readme);
    }
    if (existsSync(join(root, group, 'README.md'))) found.push(`${group}/README.md`);
  }
  return found.sort();
}

/** A fenced TypeScript or JavaScript block of a Markdown file. */
export interface CodeBlock {
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

export function codeBlocks(doc: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
    if (end === -1) break;
    if (CODE_FENCE.test(open[2] ?? '')) {
      const body = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      blocks.push({ doc, line: i + 1, code: normalize(body.join('\n')) });
    }
    i = end;
  }
  return blocks;
}

/** One sample a snippet file shows. */
export interface Snippet {
  file: string;
  region: string | null;
  code: string;
}

/** `docs/snippets/packages/sdk/README/` for `packages/sdk/README.md`. */
export function snippetFolder(doc: string): string {
  return `${SNIPPETS}/${doc.replace(/\.md$/, '')}`;
}

export function snippetsOf(doc: string, root = ROOT): Snippet[] {
  const folder = join(root, snippetFolder(doc));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => regions(relative(root, join(folder, name)), readFileSync(join(folder, name), 'utf8')));
}

export function regions(file: string, source: string): Snippet[] {
  const lines = source.split('\n');
  const found: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^\s*\/\/ #region (\S+)\s*$/.exec(lines[i] ?? '');
    if (!start) continue;
    const end = lines.findIndex((line, j) => j > i && /^\s*\/\/ #endregion\b/.test(line));
    if (end === -1) throw new Error(`${file}: #region ${start[1]} has no #endregion`);
    found.push({
      file,
      region: start[1] ?? null,
      code: normalize(dedent(lines.slice(i + 1, end)).join('\n')),
    });
    i = end;
  }
  return found.length > 0 ? found : [{ file, region: null, code: normalize(source) }];
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(cut));
}

/** Trailing spaces and blank lines at either end are layout, not code. */
function normalize(code: string): string {
  return code
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** A sample of `doc` that no snippet file shows, with the snippet closest to it (the likely edit). */
export interface Unmatched {
  where: string;
  sample: string;
  closest: string;
}

/** What is out of step between `doc` and its snippet folder: samples without a file, files not shown. */
export function sampleProblems(doc: string, root = ROOT): { unmatched: Unmatched[]; unused: string[] } {
  const blocks = codeBlocks(doc, readFileSync(join(root, doc), 'utf8'));
  const snippets = snippetsOf(doc, root);
  const unused = snippets.filter((s) => !blocks.some((block) => block.code === s.code));
  const unmatched = blocks
    .filter((block) => !snippets.some((s) => s.code === block.code))
    .map((block) => ({
      where: `${doc}:${block.line}`,
      sample: block.code,
      closest: closest(block.code, unused)?.code ?? `(no snippet: add a file under ${snippetFolder(doc)}/)`,
    }));
  return {
    unmatched,
    unused: unused.map((s) => `${s.file}${s.region ? ` #region ${s.region}` : ''} is not shown in ${doc}`),
  };
}

/** The snippet sharing the most lines with `code`. */
function closest(code: string, candidates: Snippet[]): Snippet | undefined {
  const lines = new Set(code.split('\n'));
  let best: Snippet | undefined;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = candidate.code.split('\n').filter((line) => lines.has(line)).length;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}
