import { decodeHTML } from 'entities';

/** Elements whose content is never text. */
const DROPPED = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'textarea', 'select'];
const BLOCK_TAG = /<\/?(?:p|div|br|li|tr|h[1-6]|section|article|table|ul|ol|blockquote|dd|dt|center|header|footer|nav|aside|form)\b[^>]*>/giu;

/** Remove each <name>…</name> by index search (an unclosed one runs to the end), never a backtracking regex. */
function dropElements(html: string, name: string): string {
  const lower = html.toLowerCase();
  const open = `<${name}`;
  const close = `</${name}`;
  let out = '';
  let at = 0;
  for (let i = lower.indexOf(open); i >= 0; i = lower.indexOf(open, at)) {
    out += html.slice(at, i);
    const end = lower.indexOf(close, i + open.length);
    if (end < 0) return out;
    const gt = lower.indexOf('>', end);
    at = gt < 0 ? html.length : gt + 1;
  }
  return out + html.slice(at);
}

/**
 * The text of markup too deep for a DOM (tens of thousands of nested or unclosed elements): comments,
 * scripts and styles removed, block tags as line breaks, every other tag dropped, entities decoded. One pass
 * per rule, linear in the input, whatever its nesting; used where the parsers' cost grows with depth.
 */
export function tagStrippedText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/gu, ' ');
  for (const name of DROPPED) s = dropElements(s, name);
  s = s.replace(BLOCK_TAG, '\n').replace(/<[^>]*>/gu, '');
  return decodeHTML(s).replace(/[ \t\r\f\u00a0]+/gu, ' ').replace(/ *\n[ \n]*/gu, '\n').trim();
}
