import type { Command } from 'commander';
import type { Context } from '../context';
import { defineGet } from './conversations/get';
import { defineList } from './conversations/list';
import { defineUpdate } from './conversations/update';

/** `opencom conversations list|get|update`. */
export function register(program: Command, context: () => Context): void {
  const noun = program
    .command('conversations')
    .description('list, show and update conversations (status, assignment, subject)');
  defineList(noun, context);
  defineGet(noun, context);
  defineUpdate(noun, context);
}
