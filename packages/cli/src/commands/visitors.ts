import type { Command } from 'commander';
import type { Context } from '../context';
import { defineGet } from './visitors/get';
import { defineList } from './visitors/list';
import { defineWrites } from './visitors/write';

/** `opencom visitors list|get|create|update|upsert`. */
export function register(program: Command, context: () => Context): void {
  const noun = program
    .command('visitors')
    .description('list, show, create and update visitors; upsert them by your own external ID');
  defineList(noun, context);
  defineGet(noun, context);
  defineWrites(noun, context);
}
