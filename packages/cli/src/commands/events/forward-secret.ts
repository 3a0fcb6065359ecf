import { generateSecret, isValidSecret } from '@opencom/webhooks';
import type { Context } from '../../context';
import { UsageError } from '../../errors';

/**
 * The secret `events tail --forward-to` signs with: `--secret` if given, else the one kept for this
 * profile in the config file (0600), else a new one, stored there so the receiver's environment
 * stays valid the next time (as `stripe listen` keeps its secret per account).
 */
export async function forwardSecret(ctx: Context, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (!isValidSecret(given))
      throw new UsageError(
        '--secret must be a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 bytes',
      );
    return given;
  }
  const profile = await ctx.profile();
  const config = await ctx.config.read();
  const stored = config.forwardSecrets?.[profile];
  if (stored !== undefined && isValidSecret(stored)) return stored;
  const secret = generateSecret();
  await ctx.config.write({ ...config, forwardSecrets: { ...config.forwardSecrets, [profile]: secret } });
  return secret;
}
