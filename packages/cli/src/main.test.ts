import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { commands } from './commands/manifest';
import { ExitCode } from './errors';
import { memoryIO } from './io/io';
import { commandIn, main } from './main';

describe('opencom', () => {
  it('--version prints the package version on stdout and exits 0', async () => {
    const { io, stdout, stderr } = memoryIO();
    expect(await main(['--version'], io)).toBe(ExitCode.ok);
    expect(stdout().trim()).toBe(packageJson.version);
    expect(stderr()).toBe('');
  });

  it('--help lists every command by group, the exit codes and the environment', async () => {
    const { io, stdout } = memoryIO();
    expect(await main(['--help'], io)).toBe(ExitCode.ok);
    expect(stdout()).toContain('Usage: opencom');
    for (const group of ['Account:', 'Conversations:', 'Knowledge base:', 'Webhooks and events:', 'Tools:']) {
      expect(stdout()).toContain(group);
    }
    for (const { name } of commands) expect(stdout()).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(stdout()).toContain('3 not found, 4 conflict, 5 rate limited');
    expect(stdout()).toContain('NO_COLOR');
  });

  it('no arguments prints the help', async () => {
    const { io, stdout } = memoryIO();
    expect(await main([], io)).toBe(ExitCode.ok);
    expect(stdout()).toContain('Usage: opencom');
  });

  it('`help <command>` is `<command> --help`, with the global options', async () => {
    const { io, stdout } = memoryIO();
    expect(await main(['help', 'whoami'], io)).toBe(ExitCode.ok);
    expect(stdout()).toContain('Usage: opencom whoami');
    expect(stdout()).toContain('--profile <name>');
  });

  it('an unknown command is a usage error on stderr with exit code 2', async () => {
    const { io, stdout, stderr } = memoryIO();
    expect(await main(['frobnicate'], io)).toBe(ExitCode.usage);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^opencom: unknown command 'frobnicate'/);
    expect(stderr()).toContain('opencom --help');
  });

  it('an unknown option is a usage error, not a stack trace', async () => {
    const { io, stderr } = memoryIO();
    expect(await main(['--nope'], io)).toBe(ExitCode.usage);
    expect(stderr()).toMatch(/unknown option '--nope'/);
    expect(stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('commandIn', () => {
  it('finds the command after global options and their values', () => {
    expect(commandIn(['--json', '--profile', 'work', 'claims', 'hold', 'conv_1'])).toBe('claims');
    expect(commandIn(['--profile=work', 'articles'])).toBe('articles');
    expect(commandIn(['--help'])).toBeUndefined();
  });
});
