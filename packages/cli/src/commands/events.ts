import type { Command } from 'commander';
import type { Context } from '../context';
import * as get from './events/get';
import * as list from './events/list';
import * as tail from './events/tail';

/** `opencom events`: read the event feed, follow it, and forward it to a local webhook receiver. */
export function register(program: Command, context: () => Context): void {
  const events = program
    .command('events')
    .description('the event feed: list it, follow it (tail), forward it to a local receiver')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  opencom events list --types message.created\n' +
        '  opencom events tail\n' +
        '  opencom events tail --forward-to http://localhost:3000/webhooks/opencom',
    );
  for (const verb of [list, get, tail]) verb.define(events, context);
}
