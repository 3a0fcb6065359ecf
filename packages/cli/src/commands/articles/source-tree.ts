import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COLLECTION_FILE } from './collection-source';

/**
 * What an import reads from a folder; paths are relative to it, with `/` on every platform, and in
 * Unicode NFC: they become external IDs, and `Café.md` must name one article whether macOS wrote its
 * name decomposed (NFD) or another system composed.
 */
export interface SourceTree {
  /** Markdown files (`**\/*.md`), sorted, so the import reports them in the same order every run. */
  files: string[];
  /** Folders that become collections: those holding a Markdown file or a `_collection.yaml` at any depth; parents first. */
  folders: string[];
  /** Folders that have a `_collection.yaml`. */
  described: Set<string>;
  /** The text of a file of the tree, by its path here (which may differ from its name on disk). */
  read(path: string): Promise<string>;
}

/** Hidden entries (`.git`, `.obsidian`) and `node_modules` are not part of a knowledge base. */
const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';

/** Walks `root`. Symbolic links are not followed, so a link cannot make the walk loop or leave the folder. */
export async function scanSourceTree(root: string): Promise<SourceTree> {
  const files: string[] = [];
  const described = new Set<string>();
  /** NFC path → name on disk, for the paths that differ. */
  const onDisk = new Map<string, string>();
  const walk = async (relative: string, diskRelative: string): Promise<void> => {
    const entries = await readdir(join(root, diskRelative), { withFileTypes: true });
    for (const entry of entries) {
      if (skipped(entry.name)) continue;
      const name = entry.name.normalize('NFC');
      const path = relative === '' ? name : `${relative}/${name}`;
      const diskPath = diskRelative === '' ? entry.name : `${diskRelative}/${entry.name}`;
      if (path !== diskPath) onDisk.set(path, diskPath);
      if (entry.isDirectory()) await walk(path, diskPath);
      else if (entry.isFile() && name.toLowerCase().endsWith('.md')) files.push(path);
      else if (entry.isFile() && name === COLLECTION_FILE && relative !== '') described.add(relative);
    }
  };
  await walk('', '');
  files.sort();
  const folders = new Set<string>();
  for (const path of [...files.map(parentOf), ...described]) {
    for (let folder = path; folder !== ''; folder = parentOf(folder)) folders.add(folder);
  }
  return {
    files,
    folders: [...folders].sort(byDepthThenPath),
    described,
    read: (path) => readFile(join(root, onDisk.get(path) ?? path), 'utf8'),
  };
}

/** `a/b/c.md` → `a/b`; `c.md` → `` (the root). */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

/** `a/b/c.md` → `c.md`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const depth = (path: string) => path.split('/').length;

function byDepthThenPath(a: string, b: string): number {
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}
