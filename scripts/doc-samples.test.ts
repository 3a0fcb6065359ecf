import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, docFiles, regions, sampleProblems } from './doc-samples';

describe('docs samples (every TypeScript sample is a type-checked file under docs/snippets)', () => {
  const docs = docFiles();

  it('covers the READMEs, docs/ and the examples', () => {
    expect(docs).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/concepts.md',
        'packages/sdk/README.md',
        'examples/claim-bot/README.md',
      ]),
    );
  });

  it.each(docs)('%s shows each sample verbatim from its snippet files, and every snippet is shown', (doc) => {
    // On a mismatch the closest snippet is printed next to the sample: the diff says what to change.
    expect(sampleProblems(doc)).toEqual({ unmatched: [], unused: [] });
  });
});

describe('the comparison itself', () => {
  function repo(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'doc-samples-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  const doc = '# Guide\n\n```ts\nconst a = 1;\nconsole.log(a);\n```\n';
  const snippet = 'declare const x: number;\n// #region one\nconst a = 1;\nconsole.log(a);\n// #endregion\n';

  it('passes a sample shown verbatim from its region', () => {
    expect(
      sampleProblems(
        'docs/guide.md',
        repo({ 'docs/guide.md': doc, 'docs/snippets/docs/guide/one.ts': snippet }),
      ),
    ).toEqual({ unmatched: [], unused: [] });
  });

  it('reports a sample edited in the Markdown only, with the snippet it drifted from', () => {
    const root = repo({
      'docs/guide.md': doc.replace('const a = 1', 'const a = 2'),
      'docs/snippets/docs/guide/one.ts': snippet,
    });
    expect(sampleProblems('docs/guide.md', root)).toEqual({
      unmatched: [
        {
          where: 'docs/guide.md:3',
          sample: 'const a = 2;\nconsole.log(a);',
          closest: 'const a = 1;\nconsole.log(a);',
        },
      ],
      unused: ['docs/snippets/docs/guide/one.ts #region one is not shown in docs/guide.md'],
    });
  });

  it('reports a sample that has no snippet file at all', () => {
    const { unmatched } = sampleProblems('docs/guide.md', repo({ 'docs/guide.md': doc }));
    expect(unmatched[0]?.closest).toBe('(no snippet: add a file under docs/snippets/docs/guide/)');
  });

  it('reads regions and dedents them, or the whole file', () => {
    const source =
      'declare const x: number;\nfunction f() {\n  // #region one\n  return x;\n  // #endregion\n}\n';
    expect(regions('a.ts', source)).toEqual([{ file: 'a.ts', region: 'one', code: 'return x;' }]);
    expect(regions('b.ts', 'const y = 1;\n\n')).toEqual([
      { file: 'b.ts', region: null, code: 'const y = 1;' },
    ]);
  });

  it('takes ts and js fences, also indented in a list, and leaves sh and plain fences alone', () => {
    const markdown = '```sh\nnpm i\n```\n\n1. Step\n\n   ```ts\n   const a = 1;\n   ```\n\n```\nplain\n```\n';
    expect(codeBlocks('x.md', markdown)).toEqual([{ doc: 'x.md', line: 7, code: 'const a = 1;' }]);
  });
});
