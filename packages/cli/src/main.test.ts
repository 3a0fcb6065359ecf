import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { ExitCode } from './errors';
import { memoryIO } from './io/io';
import { main } from './main';

describe('opencom', () => {
  it('--version prints the package version on stdout and exits 0', async () => {
    const { io, stdout, stderr } = memoryIO();
    expect(await main(['--version'], io)).toBe(ExitCode.ok);
    expect(stdout().trim()).toBe(packageJson.version);
    expect(stderr()).toBe('');
  });

  it('--help describes the tool on stdout', async () => {
    const { io, stdout } = memoryIO();
    expect(await main(['--help'], io)).toBe(ExitCode.ok);
    expect(stdout()).toContain('Usage: opencom');
    expect(stdout()).toContain('--json');
  });

  it('an unknown command is a usage error on stderr with exit code 2', async () => {
    const { io, stdout, stderr } = memoryIO();
    expect(await main(['frobnicate'], io)).toBe(ExitCode.usage);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/unknown command 'frobnicate'/);
    expect(stderr()).toContain('opencom --help');
  });

  it('an unknown option is a usage error, not a stack trace', async () => {
    const { io, stderr } = memoryIO();
    expect(await main(['--nope'], io)).toBe(ExitCode.usage);
    expect(stderr()).toMatch(/unknown option '--nope'/);
    expect(stderr()).not.toMatch(/\n\s+at /);
  });
});
