import type { Context } from '../context';
import { UsageError } from '../errors';
import { canPrompt } from '../io/io';

/**
 * Asks before something that cannot be undone. `--yes` skips the question; without a terminal to ask
 * on (a script, CI) `--yes` is required, so nothing is deleted by accident.
 */
export async function confirmDestructive(
  ctx: Context,
  question: string,
  yes: boolean | undefined,
): Promise<void> {
  if (yes) return;
  if (!canPrompt(ctx.io))
    throw new UsageError(`${question.replace(/\?$/, '')}: pass --yes to confirm (no terminal to ask on)`);
  const { confirm } = await import('@inquirer/prompts');
  const answer = await confirm(
    { message: question, default: false },
    ctx.io.prompt === undefined ? {} : { input: ctx.io.prompt.input, output: ctx.io.prompt.output },
  ).catch(cancelled);
  if (!answer) throw new UsageError('cancelled');
}

/** A prompt ended by Ctrl-C or a closed stdin: a usage-style exit, not a crash. */
export function cancelled(error: unknown): never {
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    throw new UsageError('cancelled');
  }
  throw error;
}
