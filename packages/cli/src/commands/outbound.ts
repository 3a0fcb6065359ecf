import type { Command } from 'commander';
import type { Context } from '../context';
import { defineGet } from './outbound/get';
import { defineList } from './outbound/list';
import { defineStatusChanges } from './outbound/status';
import { defineWrites } from './outbound/write';

/** `opencom outbound list|get|create|update|activate|pause|delete`: proactive in-app messages. */
export function register(program: Command, context: () => Context): void {
  const noun = program
    .command('outbound')
    .description('outbound messages: list, show, create, update, activate, pause, delete');
  defineList(noun, context);
  defineGet(noun, context);
  defineWrites(noun, context);
  defineStatusChanges(noun, context);
}
