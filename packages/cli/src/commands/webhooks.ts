import type { Command } from 'commander';
import type { Context } from '../context';
import * as create from './webhooks/create';
import * as deleteVerb from './webhooks/delete';
import * as deliveries from './webhooks/deliveries';
import * as get from './webhooks/get';
import * as list from './webhooks/list';
import * as replay from './webhooks/replay';
import * as rotateSecret from './webhooks/rotate-secret';
import * as test from './webhooks/test';
import * as update from './webhooks/update';

/** `opencom webhooks`: subscriptions (CRUD, test, secret rotation), the delivery log and replay. */
export function register(program: Command, context: () => Context): void {
  const webhooks = program
    .command('webhooks')
    .description('webhook subscriptions, their deliveries and replay')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  opencom webhooks create --url https://hooks.example.com/opencom --events message.created\n' +
        '  opencom webhooks test whk_4f8g2h\n' +
        '  opencom webhooks deliveries --status failed --since 1h\n' +
        '  opencom webhooks replay --failed --since 1h',
    );
  for (const verb of [list, get, create, update, deleteVerb, test, rotateSecret, deliveries, replay]) {
    verb.define(webhooks, context);
  }
}
