import type { components } from '@opencom/sdk';
import type { Command } from 'commander';
import type { Context } from '../context';
import { UsageError } from '../errors';
import { confirmDestructive } from '../kit/confirm';
import { parseSince } from '../kit/duration';
import { integer, type ListFlags, listOptions, printList } from '../kit/list';
import { formatTime } from '../output/format';
import type { Column } from '../output/output';
import { collectionsInTreeOrder } from './articles/collection-tree';

type Collection = components['schemas']['Collection'];

interface ListCollectionsFlags extends ListFlags {
  parent?: string;
  updatedSince?: number;
  tree?: boolean;
}

interface CollectionFlags {
  description?: string | false;
  icon?: string | false;
  parent?: string | false;
  slug?: string;
  externalId?: string | false;
  order?: number;
}

/** `opencom collections`: the tree of collections that articles are filed in. */
export function register(program: Command, context: () => Context): void {
  const collections = program
    .command('collections')
    .description('manage the collections (a tree) that articles are filed in');

  listOptions(
    collections
      .command('list')
      .description('list collections, newest first; --tree for the whole tree')
      .option('--parent <id>', 'only the direct children of this collection, or "root" for the top level')
      .option(
        '--updated-since <when>',
        'only collections changed since: a duration ago (1h, 7d), an ISO date or epoch ms',
        (v) => parseSince(v),
      )
      .option('--tree', 'every collection as a tree (under --parent, if given), with article counts'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom collections list --tree\n  opencom collections list --parent root --json',
    )
    .action((flags: ListCollectionsFlags) => listCollections(context(), flags));

  collections
    .command('get')
    .description('show a collection and the number of articles directly in it')
    .argument('<id>', 'the collection ID (col_...)')
    .addHelpText('after', '\nExample:\n  opencom collections get col_123')
    .action(async (id: string) => {
      const ctx = context();
      const collection = await (await ctx.api()).collections.get(id);
      ctx.output.result(collection, () => printCollection(ctx, collection));
    });

  const fieldOptions = (command: Command) =>
    command
      .option('--description <text>', 'a short description shown under the name')
      .option('--icon <icon>', 'an emoji or an icon name')
      .option('--parent <id>', 'the parent collection')
      .option('--slug <slug>', 'the URL name (default: from the name, then kept when renamed)')
      .option('--external-id <id>', "your system's ID for the collection, e.g. a folder path")
      .option('--order <n>', 'position among its siblings, from 0', integer);

  fieldOptions(
    collections.command('create').description('create a collection, at the top level unless --parent'),
  )
    .requiredOption('--name <name>', 'the name')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom collections create --name Billing --icon credit-card\n  opencom collections create --name Invoices --parent col_123 --external-id billing/invoices',
    )
    .action(async (flags: CollectionFlags & { name: string }) => {
      const ctx = context();
      // create has no --no-external-id, so the external ID is a string or left out.
      const { externalId, ...fields } = changesFrom(flags);
      const collection = await (await ctx.api()).collections.create({
        name: flags.name,
        ...fields,
        ...(typeof externalId === 'string' ? { externalId } : {}),
      });
      ctx.output.result(collection, () =>
        ctx.output.success(`Created collection ${collection.id} "${collection.name}"`),
      );
    });

  fieldOptions(
    collections
      .command('update')
      .description('change some fields of a collection; --parent moves it with everything inside'),
  )
    .argument('<id>', 'the collection ID')
    .option('--name <name>', 'a new name (the slug stays)')
    .option('--no-description', 'clear the description')
    .option('--no-icon', 'clear the icon')
    .option('--no-parent', 'move it to the top level')
    .option('--no-external-id', 'clear its external ID')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom collections update col_123 --name "Billing & invoices"\n  opencom collections update col_456 --no-parent',
    )
    .action(async (id: string, flags: CollectionFlags & { name?: string }) => {
      const ctx = context();
      const changes = { ...(flags.name === undefined ? {} : { name: flags.name }), ...changesFrom(flags) };
      if (Object.keys(changes).length === 0) {
        throw new UsageError(
          'nothing to update: pass --name, --description, --icon, --parent, --slug, --external-id or --order',
        );
      }
      const collection = await (await ctx.api()).collections.update(id, changes);
      ctx.output.result(collection, () =>
        ctx.output.success(`Updated collection ${collection.id} "${collection.name}"`),
      );
    });

  collections
    .command('delete')
    .description('delete an empty collection (one with articles or child collections is refused: exit 4)')
    .argument('<id>', 'the collection ID')
    .option('-y, --yes', 'do not ask (required when there is no terminal to ask on)')
    .addHelpText('after', '\nExample:\n  opencom collections delete col_123 --yes')
    .action(async (id: string, flags: { yes?: boolean }) => {
      const ctx = context();
      await confirmDestructive(ctx, `Delete collection ${id}?`, flags.yes);
      const deleted = await (await ctx.api()).collections.delete(id);
      ctx.output.result(deleted, () => ctx.output.success(`Deleted collection ${id}`));
    });
}

/** The optional fields of create and update; `false` (a `--no-` flag) clears a nullable one. */
function changesFrom(flags: CollectionFlags) {
  const nullable = (value: string | false) => (value === false ? null : value);
  return {
    ...(flags.description === undefined ? {} : { description: nullable(flags.description) }),
    ...(flags.icon === undefined ? {} : { icon: nullable(flags.icon) }),
    ...(flags.parent === undefined ? {} : { parentId: nullable(flags.parent) }),
    ...(flags.slug === undefined ? {} : { slug: flags.slug }),
    ...(flags.externalId === undefined ? {} : { externalId: nullable(flags.externalId) }),
    ...(flags.order === undefined ? {} : { order: flags.order }),
  };
}

const columns: Column<Collection>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'name', value: (c) => c.name, max: 40 },
  { header: 'parent', value: (c) => c.parentId },
  { header: 'articles', value: (c) => c.articleCount },
  { header: 'external id', value: (c) => c.externalId, max: 40 },
  { header: 'updated', value: (c) => formatTime(c.updatedAt) },
];

async function listCollections(ctx: Context, flags: ListCollectionsFlags): Promise<void> {
  const opencom = await ctx.api();
  if (!flags.tree) {
    const filters = {
      ...(flags.parent === undefined ? {} : { parentId: flags.parent }),
      ...(flags.updatedSince === undefined ? {} : { updatedSince: flags.updatedSince }),
    };
    await printList(
      ctx,
      flags,
      (query) => opencom.collections.list({ ...filters, ...query }),
      columns,
      'No collections found.',
    );
    return;
  }
  if (flags.cursor !== undefined || flags.updatedSince !== undefined)
    throw new UsageError('--tree shows every collection: leave out --cursor and --updated-since');
  const all: Collection[] = [];
  for await (const collection of opencom.collections.list({ limit: 100 })) all.push(collection);
  const root = flags.parent === undefined || flags.parent === 'root' ? null : flags.parent;
  if (root !== null && !all.some((c) => c.id === root)) await opencom.collections.get(root); // a 404 with the API's message
  printTree(ctx, all, root);
}

/** Nested JSON with `--json` (`{ data: [{ ...collection, children: [...] }] }`), else an indented tree. */
function printTree(ctx: Context, all: Collection[], root: string | null): void {
  type Node = Collection & { children: Node[] };
  const nodes = new Map<string, Node>();
  const top: Node[] = [];
  // Parents come before their children in tree order, so each parent's node already exists.
  for (const entry of collectionsInTreeOrder(all)) {
    const node: Node = { ...entry.collection, children: [] };
    nodes.set(node.id, node);
    if (entry.parent === root) top.push(node);
    else if (entry.parent !== null) nodes.get(entry.parent)?.children.push(node);
  }
  ctx.output.result({ data: top }, () => {
    if (top.length === 0) {
      ctx.output.note('No collections found.');
      return;
    }
    const { style } = ctx.output;
    const draw = (node: Node, prefix: string, branch: string, childPrefix: string) => {
      const count = `${node.articleCount} article${node.articleCount === 1 ? '' : 's'}`;
      ctx.output.text(`${prefix}${branch}${style.bold(node.name)}  ${style.dim(`${node.id} · ${count}`)}`);
      for (const [i, child] of node.children.entries()) {
        const last = i === node.children.length - 1;
        draw(child, childPrefix, last ? '└─ ' : '├─ ', `${childPrefix}${last ? '   ' : '│  '}`);
      }
    };
    for (const node of top) draw(node, '', '', '');
  });
}

function printCollection(ctx: Context, collection: Collection): void {
  ctx.output.fields([
    ['id', collection.id],
    ['name', collection.name],
    ['slug', collection.slug],
    ['description', collection.description],
    ['icon', collection.icon],
    ['parent', collection.parentId],
    ['articles', collection.articleCount],
    ['order', collection.order],
    ['external id', collection.externalId],
    ['created', formatTime(collection.createdAt)],
    ['updated', formatTime(collection.updatedAt)],
  ]);
}
