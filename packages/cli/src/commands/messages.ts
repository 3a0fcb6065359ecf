import type { Command } from 'commander';
import type { Context } from '../context';
import { defineList } from './messages/list';
import { defineSend } from './messages/send';

/** `opencom messages list|send`. */
export function register(program: Command, context: () => Context): void {
  const noun = program
    .command('messages')
    .description("list a conversation's messages and send one as the claim holder");
  defineList(noun, context);
  defineSend(noun, context);
}
