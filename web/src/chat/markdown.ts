// The Markdown subset of chat messages (docs/api.md, "Text"), parsed into a small tree that the app turns into
// React elements (Markdown.tsx): nothing in a message ever becomes HTML. Paragraphs (a blank line between them),
// line breaks, **bold**, *italic*, `code`, fenced code blocks, links to http(s) addresses, bulleted and numbered
// lists and block quotes. Everything else, raw HTML and `javascript:` links included, stays the characters typed.
// No regular expression runs over the whole text (none can backtrack), and the scans for closing markers remember
// what they found, so a message of unclosed markers is not read once per marker (a test bounds the time).

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'codeBlock'; text: string }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Block[] };

const FENCE = '```';
const BULLET = /^[-*] /;
const NUMBERED = /^\d{1,9}\. /;

/** Only an absolute http or https address becomes a link; the browser's URL parser decides, not a pattern. */
export function safeHref(address: string): string | null {
  if (!/^https?:\/\//i.test(address) || /\s/.test(address)) return null;
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Parses a message's text into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  return parseBlocks(lines);
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith(FENCE)) {
      const close = lines.findIndex((l, j) => j > i && l.trim() === FENCE);
      if (close > i) {
        endParagraph();
        blocks.push({ kind: 'codeBlock', text: lines.slice(i + 1, close).join('\n') });
        i = close;
        continue;
      }
    }

    if (line.trim() === '') {
      endParagraph();
      continue;
    }

    if (line.startsWith('>')) {
      endParagraph();
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) quoted.push((lines[i++] ?? '').replace(/^> ?/, ''));
      i--;
      blocks.push({ kind: 'quote', children: parseBlocks(quoted) });
      continue;
    }

    const ordered = NUMBERED.test(line);
    if (ordered || BULLET.test(line)) {
      endParagraph();
      const marker = ordered ? NUMBERED : BULLET;
      const items: Inline[][] = [];
      while (i < lines.length && marker.test(lines[i] ?? '')) items.push(parseInline((lines[i++] ?? '').replace(marker, '')));
      i--;
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }

    paragraph.push(line);
  }

  endParagraph();
  return blocks;
}

/**
 * Where `token` next occurs at or after `from`, remembering each answer: the scans of a text only move forward, so
 * a run of unclosed markers costs one pass instead of one pass per marker.
 */
function scanner(text: string) {
  const found = new Map<string, { from: number; at: number }>();
  return (token: string, from: number): number => {
    const cached = found.get(token);
    if (cached && cached.from <= from && (cached.at < 0 || cached.at >= from)) return cached.at;
    const at = text.indexOf(token, from);
    found.set(token, { from, at });
    return at;
  };
}

/** Parses the inline spans of one block's text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const next = scanner(text);
  const closer = { from: Number.POSITIVE_INFINITY, at: -1 };
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      flush();
      out.push({ kind: 'break' });
      i++;
      continue;
    }

    if (c === '`') {
      const end = next('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }

    if (text.startsWith('**', i)) {
      const end = next('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }

    if (c === '*' && text[i + 1] !== '*' && text[i + 1] !== ' ') {
      const end = closingStar(text, i + 1, next, closer);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }

    if (c === '[') {
      const link = linkAt(text, i, next);
      if (link) {
        flush();
        out.push({ kind: 'link', href: link.href, children: parseInline(link.label) });
        i = link.end;
        continue;
      }
    }

    plain += c;
    i++;
  }

  flush();
  return out;
}

/**
 * The index of the single `*` that closes an italic span opened before `from` (on the same line), or -1. Whether a
 * `*` can close does not depend on where the span opened, so the closer found last is the answer again for every
 * opener before it.
 */
function closingStar(text: string, from: number, next: (token: string, from: number) => number, memo: { from: number; at: number }): number {
  let at: number;
  if (memo.from <= from && (memo.at < 0 || memo.at >= from)) {
    at = memo.at;
  } else {
    at = -1;
    for (let j = next('*', from); j >= 0; j = next('*', j + 1)) {
      if (text[j + 1] !== '*' && text[j - 1] !== '*' && text[j - 1] !== ' ') {
        at = j;
        break;
      }
    }

    memo.from = from;
    memo.at = at;
  }

  const lineEnd = next('\n', from);
  return at >= 0 && (lineEnd < 0 || at < lineEnd) ? at : -1;
}

/** `[label](address)` at `start`, when the address is one a link may go to. */
function linkAt(text: string, start: number, next: (token: string, from: number) => number): { label: string; href: string; end: number } | null {
  const labelEnd = next('](', start + 1);
  if (labelEnd <= start + 1) return null;
  const innerOpen = next('[', start + 1);
  const lineEnd = next('\n', start + 1);
  if ((innerOpen >= 0 && innerOpen < labelEnd) || (lineEnd >= 0 && lineEnd < labelEnd)) return null;
  const addressEnd = next(')', labelEnd + 2);
  if (addressEnd < 0) return null;
  const href = safeHref(text.slice(labelEnd + 2, addressEnd));
  return href ? { label: text.slice(start + 1, labelEnd), href, end: addressEnd + 1 } : null;
}
