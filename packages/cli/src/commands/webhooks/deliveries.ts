import type { OperationQuery } from '@opencom/sdk';
import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { parseSince } from '../../kit/duration';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { eventType } from '../events/event-filters';
import { deliveryColumns, printDeliveryDetail } from './delivery-view';

type Query = OperationQuery<'listWebhookDeliveries'>;

interface Flags extends ListFlags {
  subscription?: string;
  status?: NonNullable<Query['status']>;
  eventType?: NonNullable<Query['eventType']>;
  event?: string;
  since?: number;
}

/** `opencom webhooks deliveries [deliveryId]`: the delivery log, or one delivery with every attempt. */
export function define(webhooks: Command, context: () => Context): void {
  listOptions(
    webhooks
      .command('deliveries')
      .description('list webhook deliveries (newest first), or show one with every attempt')
      .argument('[deliveryId]', 'show this delivery: every attempt, the next retry, its replays')
      .option('--subscription <webhookId>', 'only deliveries to this subscription')
      .addOption(
        new Option('--status <status>', 'only deliveries in this status').choices([
          'pending',
          'retrying',
          'succeeded',
          'failed',
        ]),
      )
      .option('--event-type <type>', 'only deliveries of events of this type', eventType)
      .option('--event <eventId>', 'only deliveries of this event (the original and its replays)')
      .option(
        '--since <when>',
        'only deliveries created since: a duration ago (1h), an ISO date or epoch ms',
        (v) => parseSince(v),
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  opencom webhooks deliveries --status failed --since 1h\n' +
        '  opencom webhooks deliveries --subscription whk_4f8g2h --event-type message.created\n' +
        '  opencom webhooks deliveries dlv_7j3k5l',
    )
    .action((id: string | undefined, flags: Flags) =>
      id === undefined ? list(flags, context()) : show(id, flags, context()),
    );
}

async function list(flags: Flags, ctx: Context): Promise<void> {
  const opencom = await ctx.api();
  const filters: Query = {
    ...(flags.subscription === undefined ? {} : { webhookId: flags.subscription }),
    ...(flags.status === undefined ? {} : { status: flags.status }),
    ...(flags.eventType === undefined ? {} : { eventType: flags.eventType }),
    ...(flags.event === undefined ? {} : { eventId: flags.event }),
    ...(flags.since === undefined ? {} : { createdAfter: flags.since }),
  };
  await printList(
    ctx,
    flags,
    (query) => opencom.webhooks.deliveries.list({ ...filters, ...query }),
    deliveryColumns,
    'No deliveries match.',
  );
}

async function show(id: string, flags: Flags, ctx: Context): Promise<void> {
  const given = ['subscription', 'status', 'eventType', 'event', 'since', 'limit', 'cursor', 'all'].filter(
    (name) => flags[name as keyof Flags] !== undefined,
  );
  if (given.length > 0) throw new UsageError(`filters and list options do not apply to one delivery (${id})`);
  const opencom = await ctx.api();
  const delivery = await opencom.webhooks.deliveries.get(id);
  if (ctx.output.json) return ctx.output.printJson(delivery);
  // The replays of this delivery are the deliveries of the same event that name it in `replayOf`.
  const sameEvent = await opencom.webhooks.deliveries.list({ eventId: delivery.eventId, limit: 100 });
  printDeliveryDetail(
    ctx,
    delivery,
    sameEvent.data.filter((d) => d.replayOf === delivery.id),
  );
}
