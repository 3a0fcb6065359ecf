import type { Opencom, OperationQuery } from '@opencom/sdk';
import type { EventType } from '@opencom/webhooks';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { parseDuration } from '../../kit/duration';
import { collect } from '../../kit/fields';
import { eventTypeList, resourceTypeList } from './event-filters';
import { eventLine, type FeedEvent } from './event-line';
import { forwardSecret } from './forward-secret';
import { type ForwardTarget, forwardEvent, forwardLine } from './forwarder';
import { feedQuery } from './list';

interface Flags {
  types?: EventType[];
  resourceTypes?: NonNullable<OperationQuery<'listEvents'>['resourceTypes']>;
  after?: string;
  forwardTo?: string;
  secret?: string;
  forwardHeader?: string[];
  forwardTimeout: number;
  pollInterval?: number;
}

/** `opencom events tail`: follows the feed until Ctrl-C, optionally forwarding each event, signed, to a local URL. */
export function define(events: Command, context: () => Context): void {
  events
    .command('tail')
    .description(
      'follow the event feed as it happens (Ctrl-C stops); --forward-to posts each event to a local receiver',
    )
    .option('--types <types>', 'only these event types, comma-separated', eventTypeList)
    .option(
      '--resource-types <types>',
      'only events about these resource types, comma-separated',
      resourceTypeList,
    )
    .option('--after <cursor>', 'start after this cursor (printed when a tail stops); default: now')
    .option('--forward-to <url>', 'POST each event to this URL as a signed webhook delivery')
    .option(
      '--secret <whsec>',
      'with --forward-to: sign with this secret instead of the one kept for this profile',
    )
    .option(
      '--forward-header <header>',
      'with --forward-to: an extra request header, "Name: value" (repeatable)',
      collect,
    )
    .option(
      '--forward-timeout <duration>',
      'with --forward-to: how long to wait for the receiver',
      parseDuration,
      10_000,
    )
    .option(
      '--poll-interval <duration>',
      'poll this often once caught up (default: 1s, slowing to 5s while the feed is quiet)',
      parseDuration,
    )
    .addHelpText(
      'after',
      '\nWith --json, prints one JSON event per line (NDJSON). On stop, prints the cursor to resume from on stderr.\n' +
        '--forward-to signs like the server does (Standard Webhooks headers webhook-id, webhook-timestamp,\n' +
        'webhook-signature) with a local secret kept per profile, so your receiver verifies exactly as in production.\n' +
        '\nExamples:\n' +
        '  opencom events tail\n' +
        '  opencom events tail --types message.created,conversation.claimed --json | jq .id\n' +
        '  opencom events tail --after eyJzIjoxMDQ1fQ.q7\n' +
        '  opencom events tail --forward-to http://localhost:3000/webhooks/opencom',
    )
    .action((flags: Flags) => run(flags, context()));
}

async function run(flags: Flags, ctx: Context): Promise<void> {
  const target = flags.forwardTo === undefined ? undefined : await forwardTarget(flags, ctx);
  const opencom = await ctx.api();
  const query = feedQuery(flags);
  const start = flags.after === undefined || flags.after === 'now' ? await head(opencom, query) : flags.after;

  const controller = new AbortController();
  const removeInterrupt = ctx.io.onInterrupt(() => controller.abort());
  const stream = opencom.events.stream({
    ...query,
    after: start,
    signal: controller.signal,
    // A person is watching: back off to 5 s at most (the SDK's default goes up to 30 s).
    pollIntervalMs: flags.pollInterval ?? 1_000,
    maxPollIntervalMs: flags.pollInterval ?? 5_000,
  });
  if (target) {
    ctx.output.note(`Forwarding events to ${target.url}`);
    ctx.output.note(`Ready! Your webhook signing secret is ${target.secret} (^C to quit)`);
  } else {
    ctx.output.note(`Ready! Waiting for events${flags.after === undefined ? ' from now' : ''} (^C to quit)`);
  }
  // Where to resume: the stream's cursor once an event is fully handled (printed, and forwarded);
  // an event whose forward Ctrl-C cut short is not, so resuming sends it again.
  let resume = start;
  try {
    let cutShort = false;
    for await (const event of stream as AsyncIterable<FeedEvent>) {
      print(ctx, event);
      if (target) {
        const result = await forwardEvent(event, target, controller.signal);
        ctx.output.note(forwardLine(result));
        cutShort = result.error === 'interrupted';
        if (cutShort) break;
      }
      resume = stream.cursor ?? resume;
    }
    // Stopped while caught up: the stream's cursor has also moved past the empty polls.
    if (!cutShort) resume = stream.cursor ?? resume;
  } finally {
    removeInterrupt();
    ctx.output.note(`Stopped. Resume with: opencom events tail --after ${resume}`);
  }
}

/** The head of the feed as a real cursor, so "Ready" means nothing that happens afterwards is missed. */
async function head(opencom: Opencom, query: OperationQuery<'listEvents'>): Promise<string> {
  const page = await opencom.events.list({ ...query, after: 'now', limit: 1 });
  return page.nextCursor ?? 'now';
}

function print(ctx: Context, event: FeedEvent): void {
  // NDJSON: one compact document per line, so `--json` output can be piped as events arrive.
  if (ctx.output.json) ctx.io.out.write(`${JSON.stringify(event)}\n`);
  else ctx.output.text(eventLine(event));
}

async function forwardTarget(flags: Flags, ctx: Context): Promise<ForwardTarget> {
  const url = flags.forwardTo ?? '';
  if (!/^https?:\/\/[^\s]+$/i.test(url) || !URL.canParse(url)) {
    throw new UsageError(
      `--forward-to must be an http(s) URL such as http://localhost:3000/webhooks (got ${url})`,
    );
  }
  const headers: Record<string, string> = {};
  for (const header of flags.forwardHeader ?? []) {
    const at = header.indexOf(':');
    if (at <= 0) throw new UsageError(`--forward-header must look like "Name: value" (got ${header})`);
    headers[header.slice(0, at).trim().toLowerCase()] = header.slice(at + 1).trim();
  }
  return { url, secret: await forwardSecret(ctx, flags.secret), headers, timeoutMs: flags.forwardTimeout };
}
