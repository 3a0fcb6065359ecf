import type { Command } from 'commander';
import type { Context } from '../context';
import { defineComments } from './tickets/comments';
import { defineGet } from './tickets/get';
import { defineList } from './tickets/list';
import { defineWrites } from './tickets/write';

/** `opencom tickets list|get|create|update|comments|comment`. */
export function register(program: Command, context: () => Context): void {
  const noun = program
    .command('tickets')
    .description('list, show, create and update tickets; read and add comments');
  defineList(noun, context);
  defineGet(noun, context);
  defineWrites(noun, context);
  defineComments(noun, context);
}
