import matter from 'gray-matter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { loadJson } from '../util/data.js';
import { fragmentText } from './fragment.js';

interface MdNode { type: string; value?: string; children?: MdNode[] }

/** Blocks that end a line of text; everything else is inline. */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'table', 'tableRow']);
/** Markup that is not text: code, images, link definitions, rules. */
const SKIP = new Set(['code', 'image', 'imageReference', 'definition', 'thematicBreak', 'footnoteDefinition', 'yaml', 'toml']);

let shortcodes: RegExp[] | null = null;
function shortcodePatterns(): RegExp[] {
  return (shortcodes ??= loadJson<{ markdown: { shortcodes: string[] } }>('ingest', 'containers.json').markdown.shortcodes.map((s) => new RegExp(s, 'giu')));
}

/**
 * The text of a Markdown document: paragraphs, headings and list items as lines, link text without its
 * target, images, code and shortcodes dropped, inline HTML read as a fragment.
 */
export function markdownText(md: string): string {
  let src = md;
  for (const re of shortcodePatterns()) src = src.replace(re, ' ');
  const out: string[] = [];
  const walk = (n: MdNode) => {
    if (SKIP.has(n.type)) return;
    if (n.type === 'text' || n.type === 'inlineCode') out.push(n.value ?? '');
    else if (n.type === 'html') out.push(fragmentText(n.value ?? '').text.replace(/\n/gu, ' '));
    else if (n.type === 'break') out.push('\n');
    const block = BLOCKS.has(n.type);
    if (block) out.push('\n');
    for (const c of n.children ?? []) walk(c);
    if (block) out.push('\n');
  };
  walk(fromMarkdown(src) as MdNode);
  return out.join('').replace(/[ \t]*\n[ \t\n]*/gu, '\n').trim();
}

/** Front-matter engines that would run code (---js, ---coffee) are refused: a hostile file must never execute. */
const REFUSE = () => { throw new Error('front matter in a programming language is refused (only YAML and JSON are read)'); };

/** Split Markdown into its front matter (YAML or JSON) and its body. */
export function frontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const r = matter(text, { engines: { js: REFUSE, javascript: REFUSE, coffee: REFUSE, coffeescript: REFUSE, cson: REFUSE } });
  return { data: (r.data ?? {}) as Record<string, unknown>, body: r.content };
}
