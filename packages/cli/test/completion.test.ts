import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './support';

describe('opencom completion', () => {
  it('bash: completes nouns, then verbs, then options, from the real command tree', async () => {
    const { code, stdout } = await runCli(['completion', 'bash']);
    expect(code).toBe(0);
    const complete = (line: string) => {
      const words = line.split(' ');
      const script = `${stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _opencom; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n');
    };
    expect(complete('opencom art')).toEqual(['articles']);
    expect(complete('opencom articles im')).toEqual(['import']);
    expect(complete('opencom --profile work claims h')).toEqual(['hold']);
    expect(complete('opencom api --')).toEqual(expect.arrayContaining(['--raw-field', '--input', '--json']));
  });

  it('zsh and fish scripts are generated too; an unknown shell is a usage error', async () => {
    expect((await runCli(['completion', 'zsh'])).stdout).toContain('bashcompinit');
    const fish = await runCli(['completion', 'fish']);
    expect(fish.stdout).toContain('complete -c opencom -n "__fish_seen_subcommand_from webhooks;');
    const bad = await runCli(['completion', 'powershell']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('opencom: unknown shell "powershell" (use bash, zsh, fish)\n');
  });
});
