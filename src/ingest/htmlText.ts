import type * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'table', 'ul', 'ol', 'dd', 'dt', 'center']);

/**
 * A line whose text is at least this share link text is a link, not prose (readability's link density):
 * 0.8 leaves a sentence with a linked name or source and catches a headline link with a date beside it.
 */
export const LINK_LINE_SHARE = 0.8;
/** This many link lines in a row close to the article's end are a related-articles list (one is a source link). */
const MIN_LINK_RUN = 2;

interface Piece { text: string; link: boolean }

export interface TextLine { text: string; linkShare: number }

/** The element's lines (block elements as breaks, whitespace folded), each with the share of it that is link text. */
export function blockLines($: cheerio.CheerioAPI, el: AnyNode): TextLine[] {
  void $; // the same signature as cheerio's helpers; the walk needs only the node
  const out: Piece[] = [];
  // An explicit stack, not recursion: a page nested ten thousand levels deep must not overflow the call stack.
  const stack: { n: AnyNode; inLink: boolean; close: boolean }[] = [{ n: el, inLink: false, close: false }];
  while (stack.length) {
    const { n, inLink, close } = stack.pop()!;
    if (close) { out.push({ text: '\n', link: false }); continue; }
    // HTML collapses whitespace inside inline text: a newline in the source is a space, not a line.
    if (n.type === 'text') out.push({ text: n.data.replace(/[ \t\r\n\f]+/g, ' '), link: inLink });
    else if (n.type === 'tag' || n.type === 'root') {
      const block = n.type === 'tag' && BLOCK.has(n.name);
      const link = inLink || (n.type === 'tag' && n.name === 'a');
      if (block) {
        out.push({ text: '\n', link: false });
        stack.push({ n, inLink, close: true });
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i], inLink: link, close: false });
    }
  }
  const lines: TextLine[] = [];
  let text = '';
  let linked = 0;
  const flush = () => {
    const t = text.replace(/[ \t\u00a0\u3000]+/gu, ' ').trim();
    const len = t.replace(/\s+/gu, '').length;
    if (t) lines.push({ text: t, linkShare: len ? Math.min(1, linked / len) : 0 });
    text = '';
    linked = 0;
  };
  for (const p of out) {
    const parts = p.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) flush();
      text += part;
      if (p.link) linked += part.replace(/[\s\u00a0\u3000]+/gu, '').length;
    });
  }
  flush();
  return lines;
}

/** Text of an element with block elements as line breaks, whitespace runs around breaks folded. */
export function blockText($: cheerio.CheerioAPI, el: AnyNode): string {
  return blockLines($, el).map((l) => l.text).join('\n');
}

/**
 * The text of an article block without the list of related links that CMS templates put at its end
 * (a run of lines that are all link text): those are other articles' headlines, not this one's text.
 */
export function articleText($: cheerio.CheerioAPI, el: AnyNode): string {
  const lines = blockLines($, el);
  let end = lines.length;
  while (end > 0 && lines[end - 1].linkShare >= LINK_LINE_SHARE) end--;
  const kept = lines.length - end >= MIN_LINK_RUN ? lines.slice(0, end) : lines;
  return kept.map((l) => l.text).join('\n');
}

/** A line key for finding one text's lines in another: whitespace removed. */
export function lineKey(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/gu, '');
}
