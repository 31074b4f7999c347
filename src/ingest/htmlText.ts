import type * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'table', 'ul', 'ol', 'dd', 'dt', 'center']);

/** Text of an element with block elements as line breaks, whitespace runs around breaks folded. */
export function blockText($: cheerio.CheerioAPI, el: AnyNode): string {
  const out: string[] = [];
  const walk = (n: AnyNode) => {
    // HTML collapses whitespace inside inline text: a newline in the source is a space, not a line.
    if (n.type === 'text') out.push(n.data.replace(/[ \t\r\n\f]+/g, ' '));
    else if (n.type === 'tag' || n.type === 'root') {
      const block = n.type === 'tag' && BLOCK.has(n.name);
      if (block) out.push('\n');
      for (const ch of n.children) walk(ch);
      if (block) out.push('\n');
    }
  };
  walk(el);
  return out.join('').replace(/[ \t\u00a0]*\n[ \t\u00a0\n]*/g, '\n').trim();
}

/** A line key for finding one text's lines in another: whitespace removed. */
export function lineKey(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/gu, '');
}
