import type { Context } from '../../context';
import { confirmDestructive } from '../../kit/confirm';

/** `opencom articles delete <id>`: asks first on a terminal; needs `--yes` anywhere else. */
export async function deleteArticle(ctx: Context, id: string, flags: { yes?: boolean }): Promise<void> {
  await confirmDestructive(ctx, `Delete article ${id}?`, flags.yes);
  const deleted = await (await ctx.api()).articles.delete(id);
  ctx.output.result(deleted, () => ctx.output.success(`Deleted article ${id}`));
}
