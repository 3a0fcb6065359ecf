import type { Command } from 'commander';
import type { Context } from '../../context';
import { textInput } from '../../kit/body';
import { formatTime } from '../../output/format';
import { explainClaimConflict } from '../claims/conflict';
import { sender } from './list';

interface SendFlags {
  contentFile?: string;
  idempotencyKey?: string;
}

export function defineSend(noun: Command, context: () => Context): void {
  noun
    .command('send')
    .description('send a message as the automation that holds the claim (claim it first)')
    .argument('<conversationId>', 'the conversation ID')
    .argument('[content]', 'the message, plain text or Markdown; "-" reads it from stdin')
    .option('--content-file <file>', 'read the message from a file')
    .option(
      '--idempotency-key <key>',
      'make the send safe to repeat: a rerun with the same key and content posts nothing new (default: a fresh key per run)',
    )
    .addHelpText(
      'after',
      '\nSending needs an active claim held by this key (`opencom claims claim`), and extends its lease.\nMessages are always sent as `automation` with the key\'s actor name: the API has no other sender type for writes.\n\nExamples:\n  opencom messages send conv_8x2kq4m1 "I have refunded the duplicate charge."\n  opencom messages send conv_8x2kq4m1 --content-file reply.md --idempotency-key "reply-$TICKET"\n  generate-reply | opencom messages send conv_8x2kq4m1 -',
    )
    .action(async (conversationId: string, content: string | undefined, flags: SendFlags) => {
      const ctx = context();
      const text = await textInput(ctx.io, content, flags.contentFile, 'message');
      const opencom = await ctx.api();
      // The SDK sends an Idempotency-Key that stays the same across its retries, so a retried send
      // never posts twice; --idempotency-key extends that across runs of a script.
      const message = await explainClaimConflict(
        conversationId,
        opencom.messages.send(
          conversationId,
          { content: text },
          flags.idempotencyKey === undefined ? undefined : { idempotencyKey: flags.idempotencyKey },
        ),
      );
      ctx.output.result(message, () => {
        ctx.output.fields([
          ['id', message.id],
          ['conversation', message.conversationId],
          ['from', sender(message)],
          ['sent', formatTime(message.createdAt)],
        ]);
        ctx.output.success(`Sent ${message.id} to ${conversationId}`);
      });
    });
}
