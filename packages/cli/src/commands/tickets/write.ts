import type { OperationBody } from '@opencom/sdk';
import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { requestBody, textInput } from '../../kit/body';
import { showTicket, TICKET_PRIORITIES, TICKET_STATUSES, type Ticket } from './view';

/** A value to set, or false for its `--no-…` flag (clear it). */
type Settable = string | false;

interface TicketFlags {
  subject?: string;
  description?: Settable;
  descriptionFile?: string;
  status?: Ticket['status'];
  priority?: Ticket['priority'];
  conversation?: string;
  visitor?: string;
  assignee?: Settable;
  resolution?: Settable;
  externalId?: Settable;
  input?: string;
}

const TRANSITIONS = `
Status changes (anything else exits 4 with invalid_transition):
  submitted            -> in_progress, waiting_on_customer, resolved
  in_progress          -> waiting_on_customer, resolved
  waiting_on_customer  -> in_progress, resolved
  resolved             -> in_progress (reopens it)`;

const orNull = (value: Settable | undefined) => (value === false ? null : value);

async function description(ctx: Context, flags: TicketFlags): Promise<string | null | undefined> {
  if (flags.description === false) return null;
  if (flags.description === undefined && flags.descriptionFile === undefined) return undefined;
  return textInput(ctx.io, flags.description, flags.descriptionFile, 'description');
}

function printTicket(ctx: Context, ticket: Ticket, message: string): void {
  ctx.output.result(ticket, () => {
    showTicket(ctx, ticket);
    ctx.output.success(message);
  });
}

export function defineWrites(noun: Command, context: () => Context): void {
  noun
    .command('create')
    .description('open a ticket (submitted, priority normal unless given)')
    .option('--subject <text>', 'what the ticket is about (required, here or in --input)')
    .option('--description <text>', 'the details, plain text or Markdown ("-" reads stdin)')
    .option('--description-file <file>', 'read the details from a file')
    .addOption(new Option('--priority <priority>', 'how urgent it is').choices(TICKET_PRIORITIES))
    .option('--conversation <id>', "the conversation it comes from (its visitor becomes the ticket's)")
    .option('--visitor <id>', 'the visitor it is for')
    .option('--assignee <agent>', 'the agent who works on it')
    .option('--external-id <id>', "your system's ID for it (e.g. an issue key; unique)")
    .option('--input <file>', 'fields from a JSON file ("-" for stdin); flags override them')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom tickets create --subject "Duplicate charge on order 1042" --priority high --conversation conv_8x2kq4m1\n  opencom tickets create --subject "Export fails" --description-file details.md --external-id BILL-311',
    )
    .action(async (flags: TicketFlags) => {
      const ctx = context();
      const body = await requestBody(ctx.io, flags.input, {
        subject: flags.subject,
        description: await description(ctx, flags),
        priority: flags.priority,
        conversationId: flags.conversation,
        visitorId: flags.visitor,
        assigneeId: orNull(flags.assignee),
        externalId: orNull(flags.externalId),
      });
      const ticket = await (await ctx.api()).tickets.create(body as OperationBody<'createTicket'>);
      printTicket(ctx, ticket, `Created ticket ${ticket.id} "${ticket.subject}"`);
    });

  noun
    .command('update')
    .description('change a ticket: status, priority, assignee, subject, description, resolution')
    .argument('<id>', 'the ticket ID')
    .addOption(new Option('--status <status>', 'move it to this status (see below)').choices(TICKET_STATUSES))
    .addOption(new Option('--priority <priority>', 'how urgent it is').choices(TICKET_PRIORITIES))
    .option('--assignee <agent>', 'assign it to this agent')
    .option('--no-assignee', 'unassign it')
    .option('--subject <text>', 'a new subject')
    .option('--description <text>', 'new details ("-" reads stdin)')
    .option('--description-file <file>', 'read new details from a file')
    .option('--no-description', 'clear the details')
    .option('--resolution <text>', 'how it was resolved (send it with --status resolved)')
    .option('--no-resolution', 'clear the resolution summary')
    .option('--external-id <id>', "your system's ID for it")
    .option('--no-external-id', 'unlink it from your system')
    .option('--input <file>', 'fields from a JSON file ("-" for stdin); flags override them')
    .addHelpText(
      'after',
      `${TRANSITIONS}\n\nExamples:\n  opencom tickets update tkt_9w3e5r --status in_progress --assignee agt_mara\n  opencom tickets update tkt_9w3e5r --status resolved --resolution "Refunded in Stripe (re_3QxK2L)"`,
    )
    .action(async (id: string, flags: TicketFlags) => {
      const ctx = context();
      const body = await requestBody(
        ctx.io,
        flags.input,
        {
          subject: flags.subject,
          description: await description(ctx, flags),
          status: flags.status,
          priority: flags.priority,
          assigneeId: orNull(flags.assignee),
          resolutionSummary: orNull(flags.resolution),
          externalId: orNull(flags.externalId),
        },
        { requireSome: true },
      );
      const ticket = await (await ctx.api()).tickets.update(id, body as OperationBody<'updateTicket'>);
      printTicket(ctx, ticket, `Updated ticket ${ticket.id} (${ticket.status})`);
    });
}
