import type { Command } from 'commander';
import type { Context } from '../context';
import { defineClaim } from './claims/claim';
import { defineHold } from './claims/hold';
import { defineRelease } from './claims/release';

/** `opencom claims claim|renew|release|escalate|hold`: leases on conversations. */
export function register(program: Command, context: () => Context): void {
  const noun = program
    .command('claims')
    .description('claim a conversation for a lease, renew, release or escalate it, or hold it until Ctrl-C');
  defineClaim(noun, context);
  defineRelease(noun, context);
  defineHold(noun, context);
}
