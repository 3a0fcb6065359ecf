import type { Command } from 'commander';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';

/** `opencom events get <id>`: one event with the snapshot its webhooks carried. */
export function define(events: Command, context: () => Context): void {
  events
    .command('get')
    .description('show one event with its data snapshot (the body its webhook deliveries carried)')
    .argument('<eventId>', 'the event, e.g. evt_01hx4z7k')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom events get evt_01hx4z7k\n  opencom events get evt_01hx4z7k --json | jq .data',
    )
    .action((id: string) => run(id, context()));
}

async function run(id: string, ctx: Context): Promise<void> {
  const event = await (await ctx.api()).events.get(id);
  ctx.output.result(event, () => {
    ctx.output.fields([
      ['id', event.id],
      ['type', event.type],
      ['time', formatTime(event.createdAt)],
      ['subject', `${event.resource.type} ${event.resource.id}`],
      ['workspace', event.workspaceId],
    ]);
    ctx.output.text(`\n${JSON.stringify(event.data, null, 2)}`);
  });
}
