import type { Command } from 'commander';
import type { Context } from '../context';
import { CommandFailure } from '../errors';

/** `opencom logout`: forgets the profile's key (the credential itself stays valid on the server). */
export function register(program: Command, context: () => Context): void {
  program
    .command('logout')
    .description(
      "remove the profile's stored key from this machine (the key stays valid; disable it on the server to revoke it)",
    )
    .action(() => logout(context()));
}

async function logout(ctx: Context): Promise<void> {
  const config = await ctx.config.read();
  const profile = await ctx.profile();
  if (config.profiles[profile] === undefined)
    throw new CommandFailure(`not logged in for profile "${profile}"`);
  delete config.profiles[profile];
  if (config.defaultProfile === profile) delete config.defaultProfile;
  await ctx.config.write(config);
  ctx.output.result({ profile, loggedOut: true }, () =>
    ctx.output.success(`Removed the key of profile "${profile}"`),
  );
}
