import type { Command } from 'commander';
import type { Context } from '../context';
import { UsageError } from '../errors';
import { canPrompt } from '../io/io';
import { cancelled } from '../kit/confirm';

const KEY = /^osk_[A-Za-z0-9]{48}$/;

interface LoginFlags {
  apiKey?: string;
  baseUrl?: string;
  default?: boolean;
}

/** `opencom login`: asks for a key (or reads it from --api-key / stdin), checks it with GET /me, stores it. */
export function register(program: Command, context: () => Context): void {
  program
    .command('login')
    .description('store an API key for a profile, after checking it with the API')
    .option('--api-key <key>', 'the osk_ key (prefer the prompt or stdin: flags end up in shell history)')
    .option(
      '--base-url <url>',
      'the Opencom deployment, e.g. http://127.0.0.1:4010 (default OPENCOM_BASE_URL, else http://127.0.0.1:4010)',
    )
    .option('--default', 'make this profile the default one')
    .addHelpText(
      'after',
      '\nOn a terminal it prompts for the key; otherwise it reads the key from stdin:\n  opencom login --base-url http://127.0.0.1:4010 < key.txt\n  echo "$KEY" | opencom login --profile staging',
    )
    .action((flags: LoginFlags) => login(context(), flags));
}

async function login(ctx: Context, flags: LoginFlags): Promise<void> {
  const apiKey = (await readKey(ctx, flags)).trim();
  if (!KEY.test(apiKey))
    throw new UsageError('that is not an Opencom API key (expected osk_ followed by 48 letters and digits)');
  const baseUrl = flags.baseUrl ?? (ctx.io.env.OPENCOM_BASE_URL || undefined);
  const client = await ctx.clientFor(apiKey, baseUrl);
  const me = await client.me.get();

  const config = await ctx.config.read();
  const profile = await ctx.profile();
  config.profiles[profile] = {
    apiKey,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    credentialName: me.name,
    workspace: { id: me.workspace.id, name: me.workspace.name },
    savedAt: Date.now(),
  };
  if (flags.default || config.defaultProfile === undefined) config.defaultProfile = profile;
  await ctx.config.write(config);

  ctx.output.result(
    { profile, baseUrl: baseUrl ?? null, credential: me, configPath: ctx.config.path },
    () => {
      ctx.output.success(
        `Logged in as ${me.name} (${me.actorName}) to ${me.workspace.name}; profile "${profile}" saved in ${ctx.config.path}`,
      );
    },
  );
}

async function readKey(ctx: Context, flags: LoginFlags): Promise<string> {
  if (flags.apiKey !== undefined) {
    ctx.output.warn(
      '--api-key leaves the key in your shell history; next time pipe it on stdin or use the prompt.',
    );
    return flags.apiKey;
  }
  if (canPrompt(ctx.io)) {
    const { password } = await import('@inquirer/prompts');
    return password(
      {
        message: 'Paste your Opencom API key (osk_…):',
        mask: '*',
        validate: (v) => KEY.test(v.trim()) || 'expected osk_ followed by 48 letters and digits',
      },
      ctx.io.prompt === undefined ? {} : { input: ctx.io.prompt.input, output: ctx.io.prompt.output },
    ).catch(cancelled);
  }
  if (ctx.io.tty.stdin) {
    throw new UsageError('no terminal to prompt on (CI is set): pass the key on stdin or with --api-key');
  }
  const text = await ctx.io.readStdin();
  const key = text.split(/\r?\n/)[0] ?? '';
  if (key.trim() === '')
    throw new UsageError('no key on stdin: pipe it in (opencom login < key.txt) or run on a terminal');
  return key;
}
