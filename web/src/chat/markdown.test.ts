import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './Markdown';
import { parseInline, parseMarkdown, safeHref } from './markdown';

const html = (text: string, mentions: string[] = []) => renderToStaticMarkup(createElement('div', null, ...renderMarkdown(text, mentions)));

describe('markdown subset', () => {
  it('renders bold, italic, code, code blocks and line breaks', () => {
    expect(html('**bold** and *italic* and `a < b`')).toBe('<div><p><strong>bold</strong> and <em>italic</em> and <code>a &lt; b</code></p></div>');
    expect(html('one\ntwo\n\nthree')).toBe('<div><p>one<br/>two</p><p>three</p></div>');
    expect(html('```\n<b>x</b>\n**y**\n```')).toBe('<div><pre><code>&lt;b&gt;x&lt;/b&gt;\n**y**</code></pre></div>');
  });

  it('renders lists and quotes', () => {
    expect(html('- a\n- b')).toBe('<div><ul><li>a</li><li>b</li></ul></div>');
    expect(html('1. a\n2. b')).toBe('<div><ol><li>a</li><li>b</li></ol></div>');
    expect(html('> quoted')).toBe('<div><blockquote><p>quoted</p></blockquote></div>');
  });

  it('links http and https addresses in a new tab, without the opener, and shows the address', () => {
    expect(html('[docs](https://example.com/a?b=1)')).toBe(
      '<div><p><a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">docs</a> (https://example.com/a?b=1)</p></div>',
    );
  });

  it('keeps script and img tags as the characters typed', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(out).toBe('<div><p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p></div>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
  });

  it('never links javascript:, data: or relative addresses', () => {
    for (const address of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', '/relative', 'https://a b', ' javascript:alert(1)']) {
      const out = html(`[x](${address})`);
      expect(out).not.toContain('<a');
      expect(out).toContain('[x](');
    }

    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('http://example.com')).toBe('http://example.com/');
  });

  it('shows HTML entities as typed, not as the characters they name', () => {
    expect(html('&lt;b&gt; &amp; &#60;script&#62;')).toBe('<div><p>&amp;lt;b&amp;gt; &amp;amp; &amp;#60;script&amp;#62;</p></div>');
  });

  it('leaves unclosed markers as text', () => {
    expect(parseInline('**not bold')).toEqual([{ kind: 'text', text: '**not bold' }]);
    expect(parseInline('a * b')).toEqual([{ kind: 'text', text: 'a * b' }]);
    expect(parseMarkdown('```\nno end')).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: '```' }, { kind: 'break' }, { kind: 'text', text: 'no end' }] }]);
  });

  it('highlights mentions of the message', () => {
    expect(html('hi @bob@x.test!', ['bob@x.test'])).toBe('<div><p>hi <mark class="mention">@bob@x.test</mark>!</p></div>');
  });

  it('parses the longest message of unclosed markers quickly', () => {
    const started = performance.now();
    for (const run of ['*[', '[', '**a', '*a ', '`', '[a](']) parseMarkdown(run.repeat(Math.floor(28000 / run.length)));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
