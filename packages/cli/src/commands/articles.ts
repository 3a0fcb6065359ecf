import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../context';
import { parseSince } from '../kit/duration';
import { integer, listOptions } from '../kit/list';

import { ARTICLE_STATUSES, INITIAL_STATUSES, VISIBILITIES } from './articles/article-fields';

// Verbs are loaded when run, so `opencom articles --help` does not load the import's YAML parser.

/** `opencom articles`: the knowledge base's articles, and import / export of a Markdown folder. */
export function register(program: Command, context: () => Context): void {
  const articles = program
    .command('articles')
    .description('manage knowledge-base articles; import and export a folder of Markdown files');

  listOptions(
    articles
      .command('list')
      .description('list articles, newest first (oldest change first with --updated-since)')
      .addOption(new Option('--status <status>', 'only articles with this status').choices(ARTICLE_STATUSES))
      .option('--collection <id>', 'only articles directly in this collection')
      .option('--tag <tag>', 'only articles with this tag')
      .addOption(
        new Option('--visibility <visibility>', 'only public or internal articles').choices(VISIBILITIES),
      )
      .option(
        '--updated-since <when>',
        'only articles changed since: a duration ago (1h, 7d), an ISO date or epoch ms',
        (v) => parseSince(v),
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom articles list --status published --collection col_123\n  opencom articles list --updated-since 1d --all --json',
    )
    .action(async (flags) => (await import('./articles/list')).listArticles(context(), flags));

  articles
    .command('get')
    .description("show an article's metadata and Markdown body")
    .argument('<id>', 'the article ID (art_...)')
    .option('--body-only', 'print only the Markdown body, exactly as stored (for piping)')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom articles get art_123\n  opencom articles get art_123 --body-only > refunds.md',
    )
    .action(async (id, flags) => (await import('./articles/get')).getArticle(context(), id, flags));

  const bodyOptions = (command: Command) =>
    command
      .option('--title <title>', 'the title (create: defaults to the first `# heading` of the body)')
      .option('--body-file <file>', 'the Markdown body from a file, or - for stdin')
      .option('--tags <tags>', 'comma-separated tags, replacing any others ("" for none)')
      .option('--external-id <id>', "your system's ID for the article, e.g. its file path")
      .addOption(new Option('--visibility <visibility>', 'who can read it').choices(VISIBILITIES))
      .option('--slug <slug>', 'the URL name (default: from the title, then kept when the title changes)');

  bodyOptions(articles.command('create').description('create an article (a draft unless --status published)'))
    .option('--collection <id>', 'the collection to put it in')
    .addOption(new Option('--status <status>', 'draft (default) or published').choices(INITIAL_STATUSES))
    .addHelpText(
      'after',
      '\nExamples:\n  opencom articles create --body-file refunds.md --collection col_123 --tags billing,refunds\n  generate-faq | opencom articles create --title "FAQ" --body-file - --status published',
    )
    .action(async (flags) => (await import('./articles/create')).createArticle(context(), flags));

  bodyOptions(
    articles.command('update').description('change some fields of an article; the others keep their values'),
  )
    .argument('<id>', 'the article ID')
    .option('--collection <id>', 'move it to this collection')
    .option('--no-collection', 'take it out of its collection')
    .option('--no-external-id', 'unlink it from your system (clear its external ID)')
    .addOption(
      new Option('--status <status>', 'publish, unpublish (draft) or archive it').choices(ARTICLE_STATUSES),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom articles update art_123 --title "Getting a refund" --tags billing,refunds\n  opencom articles update art_123 --body-file refunds.md --status published',
    )
    .action(async (id, flags) => (await import('./articles/update')).updateArticle(context(), id, flags));

  const transitions = [
    [
      'publish',
      'published',
      'publish a draft or archived article: searchable and, if public, in the help center',
    ],
    ['unpublish', 'draft', 'move a published article back to draft (an archived one cannot: exit 4)'],
    ['archive', 'archived', 'retire a draft or published article, keeping it for reference'],
  ] as const;
  for (const [verb, to, description] of transitions) {
    articles
      .command(verb)
      .description(description)
      .argument('<id>', 'the article ID')
      .addHelpText('after', `\nExample:\n  opencom articles ${verb} art_123`)
      .action(async (id) => (await import('./articles/transition')).transitionArticle(context(), id, to));
  }

  articles
    .command('delete')
    .description('delete an article permanently (asks first; --yes to skip)')
    .argument('<id>', 'the article ID')
    .option('-y, --yes', 'do not ask (required when there is no terminal to ask on)')
    .addHelpText('after', '\nExample:\n  opencom articles delete art_123 --yes')
    .action(async (id, flags) => (await import('./articles/delete')).deleteArticle(context(), id, flags));

  articles
    .command('search')
    .description('search published articles by relevance (BM25): rank, score, title, snippet')
    .argument('<query...>', 'the question or keywords')
    .option('--limit <n>', 'most results, 1-50 (default 10)', integer)
    .option('--collection <id>', 'only articles directly in this collection')
    .addOption(
      new Option('--visibility <visibility>', 'only public or internal articles').choices(VISIBILITIES),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom articles search how do I get a refund\n  opencom articles search "reset password" --visibility public --json',
    )
    .action(async (words, flags) =>
      (await import('./articles/search')).searchArticles(context(), words, flags),
    );

  articles
    .command('import')
    .description(
      'create or update articles from a folder of Markdown files with front matter; folders become collections',
    )
    .argument('<dir>', 'the folder to import (**/*.md)')
    .option('--dry-run', 'show what would change without writing anything')
    .option('--concurrency <n>', 'requests in flight at once, 1-16 (default 4)', concurrency)
    .addHelpText(
      'after',
      `
Each file is upserted by its external ID: \`externalId:\` in the front matter, else its path relative
to <dir> (e.g. billing/refunds.md). Front matter keys: title (default: the first # heading), tags,
status (draft, published, archived), visibility, slug, collection (a collection's external ID, instead
of the folder's; null for none), externalId, id. Each folder is a collection upserted by its path
(e.g. billing/plans), nested under its parent folder's; an optional _collection.yaml sets its name,
description, icon and externalId. Files and collections that already match are not written, so a
second run reports everything unchanged. Exit 1 if any file failed (the others are still imported).

Examples:
  opencom articles import ./help-center --dry-run
  opencom articles import ./help-center --json > report.json`,
    )
    .action(async (dir, flags) => (await import('./articles/import')).runImport(context(), dir, flags));

  articles
    .command('export')
    .description('write every article and collection as the folder layout that import reads')
    .argument('<dir>', 'the folder to write (must be empty or missing, unless --force)')
    .option('--force', 'write into a folder that is not empty (files with the same names are overwritten)')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom articles export ./help-center\n  opencom articles export ./help-center --force && git -C help-center diff',
    )
    .action(async (dir, flags) => (await import('./articles/export')).runExport(context(), dir, flags));
}

function concurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new InvalidArgumentError('expected a whole number from 1 to 16.');
  return n;
}
