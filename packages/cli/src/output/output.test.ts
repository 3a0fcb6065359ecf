import { describe, expect, it } from 'vitest';
import { memoryIO } from '../io/io';
import { Output } from './output';

const rows = [
  { id: 'art_1', title: 'Refunds', tags: ['billing'] },
  { id: 'art_22', title: 'Shipping times and carriers', tags: [] },
];
const columns = [
  { header: 'id', value: (r: (typeof rows)[number]) => r.id },
  { header: 'title', value: (r: (typeof rows)[number]) => r.title, max: 12 },
  { header: 'tags', value: (r: (typeof rows)[number]) => r.tags },
];

describe('Output', () => {
  it('aligns table columns, cuts long cells with an ellipsis and shows nothing as -', () => {
    const { io, stdout } = memoryIO();
    new Output(io, false).table(rows, columns);
    expect(stdout()).toBe(
      ['ID      TITLE         TAGS', 'art_1   Refunds       billing', 'art_22  Shipping ti…  -', ''].join(
        '\n',
      ),
    );
  });

  it('--json prints a page whole, as one document, and status lines go to stderr', () => {
    const { io, stdout, stderr } = memoryIO();
    const output = new Output(io, true);
    output.page({ data: rows, hasMore: true, nextCursor: 'c1' }, columns);
    output.success('done');
    expect(JSON.parse(stdout())).toEqual({ data: rows, hasMore: true, nextCursor: 'c1' });
    expect(stderr()).toBe('✓ done\n');
  });

  it('tells a human how to get the next page', () => {
    const { io, stderr } = memoryIO();
    new Output(io, false).page({ data: rows, hasMore: true, nextCursor: 'c1' }, columns);
    expect(stderr()).toBe('More results: add --cursor c1, or --all.\n');
  });

  it('colours only on a terminal, never with NO_COLOR or TERM=dumb', () => {
    const render = (options: Parameters<typeof memoryIO>[0]) => {
      const { io, stdout, stderr } = memoryIO(options);
      const output = new Output(io, false);
      output.table(rows, columns);
      output.success('ok');
      return stdout() + stderr();
    };
    expect(render({ tty: true })).toContain('\u001b[');
    expect(render({ tty: false })).not.toContain('\u001b[');
    expect(render({ tty: true, env: { NO_COLOR: '' } })).not.toContain('\u001b[');
    expect(render({ tty: true, env: { TERM: 'dumb' } })).not.toContain('\u001b[');
  });
});
