import type { OperationBody } from '@opencom/sdk';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { mergeFields, requestBody, requireSomeField, textInput } from '../../kit/body';
import { type OutboundFlags, outboundObjects, outboundOptions } from './fields';
import { type OutboundMessage, showOutbound } from './view';

const RULES_HELP = `
Rules: "<attribute> <operator> <value>" where the attribute is email, name, externalId, externalUserId,
location.city, location.country or customAttributes.<key>, and the operator is equals, not_equals,
contains (text), gt, lt (numbers) or exists (true/false).`;

type Objects = Record<
  'content' | 'targeting' | 'triggers' | 'scheduling',
  Record<string, unknown> | undefined
>;

async function withText(ctx: Context, flags: OutboundFlags): Promise<OutboundFlags> {
  return flags.text === undefined
    ? flags
    : { ...flags, text: await textInput(ctx.io, flags.text, undefined, 'text') };
}

function printOutbound(ctx: Context, message: OutboundMessage, verb: string): void {
  ctx.output.result(message, () => {
    showOutbound(ctx, message);
    ctx.output.success(`${verb} ${message.id} "${message.name}" (${message.status})`);
  });
}

/**
 * The API replaces `content`, `targeting`, `triggers` and `scheduling` whole on update. So that a flag
 * changes only what it names (`--sender` alone keeps the text), an object the flags give in part is
 * completed from the stored message, unless --input provides it. A new `--trigger` type starts from
 * scratch: the old type's fields would not fit it.
 */
async function completeFromStored(
  ctx: Context,
  id: string,
  objects: Objects,
  input: Record<string, unknown>,
) {
  const complete: Record<keyof Objects, string[]> = {
    content: ['text', 'senderId'],
    targeting: ['match', 'rules'],
    triggers: ['type'],
    scheduling: ['startsAt', 'endsAt'],
  };
  const partial = (Object.keys(complete) as (keyof Objects)[]).filter((key) => {
    const given = objects[key];
    return (
      given !== undefined && input[key] === undefined && complete[key].some((field) => !(field in given))
    );
  });
  if (partial.length === 0) return objects;
  const stored = await (await ctx.api()).outboundMessages.get(id);
  const completed = { ...objects };
  for (const key of partial) completed[key] = { ...stored[key], ...objects[key] };
  return completed;
}

export function defineWrites(noun: Command, context: () => Context): void {
  outboundOptions(
    noun.command('create').description('create an outbound message as a draft (activate it when ready)'),
    'create',
  )
    .addHelpText(
      'after',
      `${RULES_HELP}\n\nExamples:\n  opencom outbound create --name "Annual plan nudge" --text "Teams on Pro save 20% with annual billing." \\\n    --rule "customAttributes.plan equals pro" --rule "customAttributes.seats gt 3" \\\n    --trigger page_visit --page-url "https://app.example.com/settings/billing*" --priority 10\n  opencom outbound create --input nudge.json`,
    )
    .action(async (rawFlags: OutboundFlags) => {
      const ctx = context();
      const flags = await withText(ctx, rawFlags);
      const body = await requestBody(ctx.io, flags.input, {
        name: flags.name,
        frequency: flags.frequency,
        priority: flags.priority,
        ...outboundObjects(flags),
      });
      const message = await (await ctx.api()).outboundMessages.create(
        body as OperationBody<'createOutboundMessage'>,
      );
      printOutbound(ctx, message, 'Created');
    });

  outboundOptions(
    noun
      .command('update')
      .description('change an outbound message; flags change only what they name')
      .argument('<id>', 'the outbound message ID'),
    'update',
  )
    .addHelpText(
      'after',
      `${RULES_HELP}\n\nEditing an active message takes effect at once; an archived one exits 4 (invalid_transition).\n\nExamples:\n  opencom outbound update out_6y1u8i --trigger time_on_page --delay 20s --page-url "https://app.example.com/settings/billing*"\n  opencom outbound update out_6y1u8i --sender agt_mara --ends-at 2026-03-01T00:00:00Z`,
    )
    .action(async (id: string, rawFlags: OutboundFlags) => {
      const ctx = context();
      const flags = await withText(ctx, rawFlags);
      const input = await requestBody(ctx.io, flags.input, {});
      const objects = await completeFromStored(ctx, id, outboundObjects(flags), input);
      const body = mergeFields(input, {
        name: flags.name,
        frequency: flags.frequency,
        priority: flags.priority,
        ...objects,
      });
      requireSomeField(body);
      const message = await (await ctx.api()).outboundMessages.update(
        id,
        body as OperationBody<'updateOutboundMessage'>,
      );
      printOutbound(ctx, message, 'Updated');
    });
}
