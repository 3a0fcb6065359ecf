import type { Command } from 'commander';
import type { Context } from '../../context';
import { textInput } from '../../kit/body';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { formatTime } from '../../output/format';

interface CommentFlags {
  bodyFile?: string;
  internal?: boolean;
}

/** `tickets comments <id>` lists, `tickets comment <id> <body>` adds one as this key's automation. */
export function defineComments(noun: Command, context: () => Context): void {
  listOptions(
    noun
      .command('comments')
      .description("list a ticket's comments, oldest first, internal notes included")
      .argument('<ticketId>', 'the ticket ID'),
  )
    .addHelpText('after', '\nExample:\n  opencom tickets comments tkt_9w3e5r --all')
    .action(async (ticketId: string, flags: ListFlags) => {
      const ctx = context();
      const opencom = await ctx.api();
      await printList(
        ctx,
        flags,
        (query) => opencom.tickets.comments.list(ticketId, query),
        [
          { header: 'id', value: (c) => c.id },
          { header: 'author', value: (c) => `${c.authorType} ${c.authorName ?? c.authorId}` },
          { header: 'visibility', value: (c) => (c.internal ? 'internal' : 'public') },
          { header: 'created', value: (c) => formatTime(c.createdAt) },
          { header: 'content', value: (c) => c.content, max: 60 },
        ],
        `No comments on ${ticketId}.`,
      );
    });

  noun
    .command('comment')
    .description('comment on a ticket as this key (author type automation)')
    .argument('<ticketId>', 'the ticket ID')
    .argument('[body]', 'the comment, plain text or Markdown; "-" reads it from stdin')
    .option('--body-file <file>', 'read the comment from a file')
    .option('--internal', 'a note only agents see (no ticket.comment_added event)')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom tickets comment tkt_9w3e5r "We refunded the duplicate charge."\n  opencom tickets comment tkt_9w3e5r --internal --body-file notes.md',
    )
    .action(async (ticketId: string, body: string | undefined, flags: CommentFlags) => {
      const ctx = context();
      const content = await textInput(ctx.io, body, flags.bodyFile, 'comment');
      const opencom = await ctx.api();
      const comment = await opencom.tickets.comments.create(ticketId, {
        content,
        ...(flags.internal ? { internal: true } : {}),
      });
      ctx.output.result(comment, () => {
        ctx.output.fields([
          ['id', comment.id],
          ['ticket', comment.ticketId],
          ['author', `${comment.authorType} ${comment.authorName ?? comment.authorId}`],
          ['visibility', comment.internal ? 'internal' : 'public'],
          ['created', formatTime(comment.createdAt)],
        ]);
        ctx.output.success(`Commented on ${ticketId}${comment.internal ? ' (internal note)' : ''}`);
      });
    });
}
