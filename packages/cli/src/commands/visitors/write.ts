import type { OperationBody } from '@opencom/sdk';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { attributes, requestBody } from '../../kit/body';
import { collect } from '../../kit/fields';
import { showVisitor, type Visitor } from './view';

type Verb = 'create' | 'update' | 'upsert';

/** A value to set, or false for its `--no-…` flag (clear it). */
type Settable = string | false;

interface ProfileFlags {
  name?: Settable;
  email?: Settable;
  externalId?: Settable;
  externalUserId?: Settable;
  city?: string;
  country?: string;
  /** False with `--no-location`; commander makes a lone `--no-…` flag true by default. */
  location?: boolean;
  attr?: string[];
  input?: string;
}

/** The profile flags; `--no-…` to clear a field exists where the API accepts null (update, upsert). */
function profileOptions(command: Command, verb: Verb): Command {
  const clearable = verb !== 'create';
  const field = (flag: string, value: string, description: string) => {
    command.option(`--${flag} <${value}>`, description);
    if (clearable) command.option(`--no-${flag}`, `clear the ${description.replace(/^the visitor's /, '')}`);
  };
  field('name', 'name', "the visitor's name");
  field('email', 'address', "the visitor's email address");
  if (verb !== 'upsert') field('external-id', 'id', "your system's ID for the visitor (unique)");
  field('external-user-id', 'id', "the visitor's user ID in your product");
  command
    .option(
      '--city <city>',
      `where the visitor is${clearable ? ' (with --country: the location is replaced whole)' : ''}`,
    )
    .option('--country <country>', 'the country of the location');
  if (clearable) command.option('--no-location', 'clear the location');
  return command
    .option(
      '--attr <key=value>',
      'set a custom attribute: numbers, true, false typed, null removes it; repeatable',
      collect,
    )
    .option('--input <file>', 'fields from a JSON file ("-" for stdin); flags override them');
}

const orNull = (value: Settable | undefined) => (value === false ? null : value);

function location(flags: ProfileFlags, verb: Verb) {
  if (flags.location === false) return null;
  if (flags.city === undefined && flags.country === undefined) return undefined;
  if (verb !== 'create' && (flags.city === undefined || flags.country === undefined)) {
    // The API replaces the location whole: a lone --city would clear the stored country.
    throw new UsageError('pass --city and --country together (the location is replaced whole)');
  }
  return { city: flags.city ?? null, country: flags.country ?? null };
}

function profileBody(ctx: Context, flags: ProfileFlags, verb: Verb) {
  return requestBody(
    ctx.io,
    flags.input,
    {
      name: orNull(flags.name),
      email: orNull(flags.email),
      externalId: orNull(flags.externalId),
      externalUserId: orNull(flags.externalUserId),
      location: location(flags, verb),
      customAttributes: attributes(flags.attr, true),
    },
    { requireSome: verb === 'update' },
  );
}

function printVisitor(ctx: Context, visitor: Visitor, message: string): void {
  ctx.output.result(visitor, () => {
    showVisitor(ctx, visitor);
    ctx.output.success(message);
  });
}

export function defineWrites(noun: Command, context: () => Context): void {
  profileOptions(noun.command('create').description('create a visitor (every field is optional)'), 'create')
    .addHelpText(
      'after',
      '\nTo create or update by your own ID, use `opencom visitors upsert`.\n\nExamples:\n  opencom visitors create --name "Sam Okafor" --email sam.okafor@example.com --attr plan=starter --attr seats=1\n  opencom visitors create --input contact.json',
    )
    .action(async (flags: ProfileFlags) => {
      const ctx = context();
      const body = await profileBody(ctx, flags, 'create');
      const visitor = await (await ctx.api()).visitors.create(body as OperationBody<'createVisitor'>);
      printVisitor(ctx, visitor, `Created visitor ${visitor.id}`);
    });

  profileOptions(
    noun
      .command('update')
      .description('change some fields of a visitor; custom attributes are merged')
      .argument('<id>', 'the visitor ID'),
    'update',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom visitors update vis_3k9d2m --attr seats=8 --attr trial=null\n  opencom visitors update vis_3k9d2m --email dana@example.org --no-external-id',
    )
    .action(async (id: string, flags: ProfileFlags) => {
      const ctx = context();
      const body = await profileBody(ctx, flags, 'update');
      const visitor = await (await ctx.api()).visitors.update(id, body as OperationBody<'updateVisitor'>);
      printVisitor(ctx, visitor, `Updated visitor ${visitor.id}`);
    });

  profileOptions(
    noun
      .command('upsert')
      .description(
        'create or update the visitor with your external ID (safe to re-run: an unchanged body changes nothing)',
      )
      .argument('<externalId>', "your system's ID for the visitor"),
    'upsert',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom visitors upsert crm_contact_90412 --name "Priya Raman" --email priya.raman@example.com --attr plan=business\n  opencom visitors upsert crm_contact_90412 --input contact.json',
    )
    .action(async (externalId: string, flags: ProfileFlags) => {
      const ctx = context();
      const body = await profileBody(ctx, flags, 'upsert');
      const opencom = await ctx.api();
      const visitor = await opencom.visitors.upsertByExternalId(
        externalId,
        body as OperationBody<'upsertVisitorByExternalId'>,
      );
      printVisitor(ctx, visitor, `Upserted visitor ${visitor.id} (external ID ${externalId})`);
    });
}
