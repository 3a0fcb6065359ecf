import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanSourceTree } from './source-tree';

let root: string;
afterEach(() => rm(root, { recursive: true, force: true }));

async function folderOf(files: Record<string, string>): Promise<string> {
  root = await mkdtemp(join(tmpdir(), 'opencom-tree-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('scanSourceTree', () => {
  it('lists Markdown files sorted and their folders parents first, skipping hidden folders', async () => {
    const tree = await scanSourceTree(
      await folderOf({
        'z.md': 'z',
        'guides/setup/install.md': 'i',
        'guides/a.md': 'a',
        'policies/_collection.yaml': 'name: Policies',
        '.obsidian/notes.md': 'hidden',
        'notes.txt': 'not markdown',
      }),
    );
    expect(tree.files).toEqual(['guides/a.md', 'guides/setup/install.md', 'z.md']);
    expect(tree.folders).toEqual(['guides', 'policies', 'guides/setup']);
    expect([...tree.described]).toEqual(['policies']);
  });

  it('names files written decomposed (NFD, as macOS may) in NFC, and still reads them', async () => {
    const folder = 'Re\u0301glages'; // "Réglages" with a combining accent
    const file = `${folder}/Cafe\u0301.md`;
    const tree = await scanSourceTree(
      await folderOf({ [file]: '# Café', [`${folder}/_collection.yaml`]: 'name: Réglages' }),
    );
    expect(tree.files).toEqual(['R\u00e9glages/Caf\u00e9.md']);
    expect(tree.folders).toEqual(['R\u00e9glages']);
    expect(await tree.read('R\u00e9glages/Caf\u00e9.md')).toBe('# Café');
    expect(await tree.read('R\u00e9glages/_collection.yaml')).toBe('name: Réglages');
  });

  it('does not follow a symbolic link out of the folder', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'opencom-outside-'));
    try {
      await writeFile(join(outside, 'secret.md'), 'outside');
      await folderOf({ 'inside.md': 'in' });
      await symlink(outside, join(root, 'linked'));
      expect((await scanSourceTree(root)).files).toEqual(['inside.md']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
