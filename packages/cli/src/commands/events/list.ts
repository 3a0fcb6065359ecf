import type { Opencom, OperationQuery } from '@opencom/sdk';
import type { EventType } from '@opencom/webhooks';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { integer } from '../../kit/list';
import { eventTypeList, resourceTypeList } from './event-filters';
import { eventColumns, type FeedEvent } from './event-line';

type Query = OperationQuery<'listEvents'>;

interface Flags {
  types?: EventType[];
  resourceTypes?: NonNullable<Query['resourceTypes']>;
  after?: string;
  limit?: number;
  all?: boolean;
}

/** `opencom events list`: one page of the feed, oldest first, and the cursor to read on from. */
export function define(events: Command, context: () => Context): void {
  events
    .command('list')
    .description('read the event feed forward, oldest first, from a cursor')
    .option('--types <types>', 'only these event types, comma-separated', eventTypeList)
    .option(
      '--resource-types <types>',
      'only events about these resource types, comma-separated',
      resourceTypeList,
    )
    .option(
      '--after <cursor>',
      'start after this cursor (a previous nextCursor), or "now"; default: the oldest event',
    )
    .option('--limit <n>', 'events per page, 1-100 (default 20)', integer)
    .option('--all', 'read every page up to the head of the feed')
    .addHelpText(
      'after',
      '\nThe page ends with the cursor to resume from (`nextCursor` in --json): pass it as --after next time.\n' +
        '\nExamples:\n' +
        '  opencom events list --types conversation.claimed,conversation.claim_expired\n' +
        '  opencom events list --after eyJzIjoxMDQ1fQ.q7 --limit 100 --json\n' +
        '  opencom events list --resource-types article --all',
    )
    .action((flags: Flags) => run(flags, context()));
}

export function feedQuery(flags: Pick<Flags, 'types' | 'resourceTypes'>): Query {
  return {
    ...(flags.types === undefined ? {} : { types: flags.types }),
    ...(flags.resourceTypes === undefined ? {} : { resourceTypes: flags.resourceTypes }),
  };
}

async function run(flags: Flags, ctx: Context): Promise<void> {
  const opencom = await ctx.api();
  const page = await readFeed(
    opencom,
    {
      ...feedQuery(flags),
      ...(flags.after === undefined ? {} : { after: flags.after }),
      ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    },
    flags.all === true,
  );
  if (ctx.output.json) return ctx.output.printJson(page);
  if (page.data.length === 0) ctx.output.note('No events after this cursor.');
  else ctx.output.table(page.data, eventColumns);
  ctx.output.note(
    `${page.hasMore ? 'More events: add' : 'Resume with'} --after ${page.nextCursor}${page.hasMore ? ', or --all' : ''}`,
  );
}

interface FeedPage {
  data: FeedEvent[];
  nextCursor: string;
  hasMore: boolean;
}

/** One page, or with `all` every page up to the head, as one page that ends at the last cursor. */
async function readFeed(opencom: Opencom, query: Query, all: boolean): Promise<FeedPage> {
  const data: FeedEvent[] = [];
  let after = query.after;
  for (;;) {
    const page = await opencom.events.list({ ...query, ...(after === undefined ? {} : { after }) });
    data.push(...page.data);
    // The feed always returns nextCursor (spec: EventPage), even on an empty page.
    const nextCursor = page.nextCursor ?? after ?? '';
    if (!all || !page.hasMore) return { data, nextCursor, hasMore: page.hasMore };
    after = nextCursor;
  }
}
