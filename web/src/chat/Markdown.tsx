// A message's text as React elements, from the tree of markdown.ts: every character of the message reaches the
// page as text (React escapes it), never as markup. A link shows its text followed by its address, so its target
// is never hidden (docs/api.md), and opens in a new tab without giving it this page (`noopener noreferrer`).
// Mentions of the message's members are highlighted.
import { Fragment, type ReactNode, createElement } from 'react';
import { type Block, type Inline, parseMarkdown } from './markdown';

/** `text` with each mention (`@upn`, or the bare UPN) of `mentions` wrapped in a highlight. */
function withMentions(text: string, mentions: readonly string[], key: string): ReactNode[] {
  if (mentions.length === 0) return [text];
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  for (;;) {
    let best: { at: number; length: number } | null = null;
    for (const upn of mentions) {
      const at = rest.toLowerCase().indexOf(upn.toLowerCase());
      if (at >= 0 && (!best || at < best.at)) {
        const withAt = at > 0 && rest[at - 1] === '@';
        best = { at: withAt ? at - 1 : at, length: upn.length + (withAt ? 1 : 0) };
      }
    }

    if (!best) break;
    if (best.at > 0) out.push(rest.slice(0, best.at));
    out.push(createElement('mark', { className: 'mention', key: `${key}m${n++}` }, rest.slice(best.at, best.at + best.length)));
    rest = rest.slice(best.at + best.length);
  }

  if (rest) out.push(rest);
  return out;
}

function inline(nodes: Inline[], mentions: readonly string[], key: string): ReactNode[] {
  return nodes.map((node, i) => {
    const k = `${key}.${i}`;
    switch (node.kind) {
      case 'text':
        return createElement(Fragment, { key: k }, ...withMentions(node.text, mentions, k));
      case 'code':
        return createElement('code', { key: k }, node.text);
      case 'strong':
        return createElement('strong', { key: k }, ...inline(node.children, mentions, k));
      case 'em':
        return createElement('em', { key: k }, ...inline(node.children, mentions, k));
      case 'break':
        return createElement('br', { key: k });
      case 'link':
        return createElement(
          Fragment,
          { key: k },
          createElement('a', { href: node.href, target: '_blank', rel: 'noopener noreferrer' }, ...inline(node.children, mentions, k)),
          ` (${node.href})`,
        );
    }
  });
}

function block(node: Block, mentions: readonly string[], key: string): ReactNode {
  switch (node.kind) {
    case 'paragraph':
      return createElement('p', { key }, ...inline(node.children, mentions, key));
    case 'codeBlock':
      return createElement('pre', { key }, createElement('code', null, node.text));
    case 'list':
      return createElement(
        node.ordered ? 'ol' : 'ul',
        { key },
        ...node.items.map((item, i) => createElement('li', { key: `${key}.${i}` }, ...inline(item, mentions, `${key}.${i}`))),
      );
    case 'quote':
      return createElement('blockquote', { key }, ...node.children.map((child, i) => block(child, mentions, `${key}.${i}`)));
  }
}

/** The elements of a message's text (the parse is pure; see markdown.ts). */
export function renderMarkdown(text: string, mentions: readonly string[] = []): ReactNode[] {
  return parseMarkdown(text).map((node, i) => block(node, mentions, `b${i}`));
}

export function MessageText({ text, mentions }: { text: string; mentions: readonly string[] }) {
  return <div className="message-text">{renderMarkdown(text, mentions)}</div>;
}
