import { describe, expect, it } from 'vitest';
import { readArticleSource } from './article-source';
import { formatMarkdown, headingTitle, parseMarkdown, SourceError } from './front-matter';

describe('parseMarkdown', () => {
  it('a file without front matter is all body', () => {
    expect(parseMarkdown('# Hi\n\ntext\n')).toEqual({ data: {}, body: '# Hi\n\ntext\n' });
  });

  it('drops a byte-order mark and turns CRLF into LF', () => {
    expect(parseMarkdown('\uFEFF---\r\ntitle: T\r\n---\r\n\r\nBody\r\n')).toEqual({
      data: { title: 'T' },
      body: 'Body\n',
    });
  });

  it('removes one blank line after the front matter, keeps any further ones', () => {
    expect(parseMarkdown('---\ntitle: T\n---\n\n\nBody').body).toBe('\nBody');
    expect(parseMarkdown('---\n---\nBody').body).toBe('Body');
  });

  it('reads YAML 1.2: yes and dates stay text', () => {
    expect(parseMarkdown('---\ntitle: yes\ndate: 2024-01-01\n---\n').data).toEqual({
      title: 'yes',
      date: '2024-01-01',
    });
  });

  it('names the file line of a YAML error', () => {
    expect(() => parseMarkdown('---\ntitle: a\ntitle: b\n---\n')).toThrow(
      new SourceError('invalid front matter (line 3): Map keys must be unique'),
    );
  });

  it('refuses front matter that never closes, or that is not a mapping', () => {
    expect(() => parseMarkdown('---\ntitle: T\n')).toThrow(
      'front matter starts with --- but has no closing --- line',
    );
    expect(() => parseMarkdown('---\n- a\n---\n')).toThrow(
      'invalid front matter: expected "key: value" lines, got a list',
    );
  });
});

describe('formatMarkdown', () => {
  it('writes what parseMarkdown reads back, whatever the values look like', () => {
    const data = {
      title: 'yes: 123 # not a comment',
      externalId: '007',
      tags: ['a, b', 'null'],
      status: 'draft',
    };
    const body = '\n# Starts with a blank line\n\n---\n\nand a thematic break, no final newline';
    const text = formatMarkdown(data, body);
    expect(text.startsWith('---\ntitle: "yes: 123 # not a comment"\n')).toBe(true);
    expect(parseMarkdown(text)).toEqual({ data, body });
  });
});

describe('headingTitle', () => {
  it('is the first level-one heading outside fenced code', () => {
    expect(headingTitle('```\n# not this\n```\n## nor this\n# Refunds ##\n# Later')).toBe('Refunds');
    expect(headingTitle('~~~~\n# inside\n~~~\n# still inside\n~~~~\nNo heading')).toBeUndefined();
  });
});

describe('readArticleSource', () => {
  it('takes tags as a list or as "a, b", numbers as text, and leaves out what the file does not say', () => {
    expect(readArticleSource('---\ntitle: 2024\ntags: billing, refunds\nexternalId: 42\n---\nBody')).toEqual({
      title: '2024',
      content: 'Body',
      tags: ['billing', 'refunds'],
      externalId: '42',
    });
  });

  it('collection: null means no collection; left out, the folder decides', () => {
    expect(readArticleSource('---\ntitle: T\ncollection: null\n---\n').collection).toBeNull();
    expect('collection' in readArticleSource('---\ntitle: T\n---\n')).toBe(false);
  });

  it('says what is wrong with a field', () => {
    expect(() => readArticleSource('---\ntitle: T\nstatus: live\n---\n')).toThrow(
      '`status` must be one of draft, published, archived, got "live"',
    );
    expect(() => readArticleSource('---\ntitle: [T]\n---\n')).toThrow('`title` must be text, got a list');
    expect(() => readArticleSource('---\ntags: 1\n---\nno heading')).toThrow(/^no title/);
  });
});
