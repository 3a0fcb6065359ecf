import { type Command, InvalidArgumentError, Option } from 'commander';
import { compact, scalar } from '../../kit/body';
import { parseDuration } from '../../kit/duration';
import { FREQUENCY_NAMES, OPERATOR_NAMES, type OutboundMessage, TRIGGER_TYPES } from './view';

type Settable<T> = T | false;

/** The flags of `outbound create` and `outbound update`. */
export interface OutboundFlags {
  name?: string;
  text?: string;
  sender?: Settable<string>;
  match?: OutboundMessage['targeting']['match'];
  rule?: OutboundMessage['targeting']['rules'];
  /** False with `--no-rules` (commander makes a lone `--no-…` flag true by default). */
  rules?: boolean;
  trigger?: OutboundMessage['triggers']['type'];
  pageUrl?: string;
  delay?: number;
  event?: string;
  frequency?: OutboundMessage['frequency'];
  startsAt?: Settable<number>;
  endsAt?: Settable<number>;
  priority?: number;
  input?: string;
}

/** `customAttributes.plan equals pro` → a targeting rule; the value typed for its operator. */
function rule(value: string, previous: OutboundMessage['targeting']['rules'] = []) {
  const match = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(value);
  if (!match)
    throw new InvalidArgumentError(
      'expected "<attribute> <operator> <value>", e.g. "customAttributes.plan equals pro".',
    );
  const [, attribute = '', operator = '', raw = ''] = match;
  if (!OPERATOR_NAMES.includes(operator))
    throw new InvalidArgumentError(`the operator is one of ${OPERATOR_NAMES.join(', ')}.`);
  // `contains` compares text, so `contains 42` means the string "42"; the others take typed values.
  const typed = operator === 'contains' ? raw : scalar(raw);
  if (typed === null)
    throw new InvalidArgumentError('a rule value is a string, number or boolean (null is not allowed).');
  return [
    ...previous,
    {
      attribute,
      operator: operator as OutboundMessage['targeting']['rules'][number]['operator'],
      value: typed,
    },
  ];
}

/** A point in time: an ISO date (`2026-02-01T09:00:00Z`) or epoch milliseconds. */
function instant(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('expected an ISO date (2026-02-01T09:00:00Z) or epoch milliseconds.');
  return ms;
}

function delaySeconds(value: string): number {
  const ms = parseDuration(value);
  if (ms % 1000 !== 0) throw new InvalidArgumentError('a delay is whole seconds, e.g. 20s or 2m.');
  return ms / 1000;
}

/** Adds the content, audience, trigger and schedule flags; `--no-…` ones only where clearing makes sense. */
export function outboundOptions(command: Command, verb: 'create' | 'update'): Command {
  command
    .option('--name <name>', `an internal name visitors never see${verb === 'create' ? ' (required)' : ''}`)
    .option(
      '--text <text>',
      `what the visitor reads, plain text or Markdown${verb === 'create' ? ' (required)' : ''}; "-" reads stdin`,
    )
    .option('--sender <agent>', 'the agent shown as the sender (default: the workspace)');
  if (verb === 'update') command.option('--no-sender', 'send as the workspace');
  command
    .addOption(
      new Option('--match <all|any>', 'visitors must match all rules or any one').choices(['all', 'any']),
    )
    .option(
      '--rule <rule>',
      'who sees it: "<attribute> <operator> <value>"; repeatable (no rules: every visitor)',
      rule,
    );
  if (verb === 'update') command.option('--no-rules', 'remove every rule (every visitor sees it)');
  command
    .addOption(new Option('--trigger <type>', 'when it shows (default immediately)').choices(TRIGGER_TYPES))
    .option('--page-url <url>', 'the page for page_visit and time_on_page; * matches anything')
    .option('--delay <duration>', 'time on page before it shows, for time_on_page (1s to 1h)', delaySeconds)
    .option('--event <name>', 'the custom event name, for custom_event')
    .addOption(
      new Option('--frequency <frequency>', 'how often a visitor may see it (default once)').choices(
        FREQUENCY_NAMES,
      ),
    )
    .option('--starts-at <time>', 'not shown before this time (ISO date or epoch ms)', instant)
    .option('--ends-at <time>', 'not shown after this time (ISO date or epoch ms)', instant);
  if (verb === 'update') {
    command
      .option('--no-starts-at', 'remove the start of the window')
      .option('--no-ends-at', 'remove the end of the window');
  }
  return command
    .option('--priority <n>', 'the highest shows first when several match, 0-100 (default 0)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number.');
      return n;
    })
    .option('--input <file>', 'fields from a JSON file ("-" for stdin); flags override them');
}

const orNull = <T>(value: Settable<T> | undefined) => (value === false ? null : value);
const nonEmpty = <T extends object>(value: T): T | undefined =>
  Object.keys(value).length === 0 ? undefined : value;

/** The objects the flags describe, each only with the fields given (undefined when none was). */
export function outboundObjects(flags: OutboundFlags) {
  return {
    content: nonEmpty(compact({ text: flags.text, senderId: orNull(flags.sender) })),
    targeting: nonEmpty(compact({ match: flags.match, rules: flags.rules === false ? [] : flags.rule })),
    triggers: nonEmpty(
      compact({
        type: flags.trigger,
        pageUrl: flags.pageUrl,
        delaySeconds: flags.delay,
        eventName: flags.event,
      }),
    ),
    scheduling: nonEmpty(compact({ startsAt: orNull(flags.startsAt), endsAt: orNull(flags.endsAt) })),
  };
}
