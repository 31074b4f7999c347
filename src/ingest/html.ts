import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Meta } from '../model/document.js';
import { parseAnyDate } from './dates.js';

/** Elements that never hold article text. */
const DROP = 'script, style, noscript, template, iframe, form, nav, header, footer, aside, button, select, input, textarea, svg';
/** class/id words of page furniture in Chinese CMS templates and elsewhere. */
const FURNITURE_ATTR = /(^|[\s_-])(share|bdshare|nav|menu|footer|foot|header|head-top|breadcrumb|crumb|position|location|comment|related|relate|sidebar|side|recommend|copyright|hot|rank|toolbar|print|fenxiang|xgxw|xgyd)([\s_-]|$)/i;
const CN_PUNCT = /[，。；、：！？]/gu;
const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'table', 'ul', 'ol', 'dd', 'dt', 'center']);

export interface HtmlExtract {
  /** Title line, meta line and the best block as text lines, for the line cleaner. */
  pageText: string;
  meta: Partial<Meta>;
  /** Which step of the cascade picked the block. */
  how: string;
}

type Node = AnyNode;

/** Text of an element with block elements as line breaks. */
function blockText($: cheerio.CheerioAPI, el: Node): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.type === 'text') out.push(n.data);
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

function punctCount(s: string): number {
  return (s.match(CN_PUNCT) ?? []).length;
}

/** Strip the site suffix from a <title>: "标题_频道_网站名" / "标题 - 网站名". */
export function cleanTitle(title: string): string {
  const parts = title.split(/\s*(?:_|\||｜|--|—|-\s)\s*/u).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts.reduce((a, b) => (b.length > a.length ? b : a), parts[0]) : title.trim();
}

/**
 * HTML main text v1: drop furniture elements, score each container by the Chinese punctuation of its
 * paragraphs (link text subtracted), keep the best container. Readability and site profiles come later.
 */
export function extractHtml(html: string): HtmlExtract {
  const $ = cheerio.load(html);
  const metaContent = (...names: string[]) => {
    for (const n of names) {
      const v = $(`meta[name="${n}"], meta[property="${n}"], meta[itemprop="${n}"]`).attr('content');
      if (v && v.trim()) return v.trim();
    }
    return null;
  };
  const h1 = $('h1').first().text().trim();
  const ogTitle = metaContent('og:title', 'ArticleTitle', 'title');
  const docTitle = $('title').first().text().trim();
  const title = h1 || ogTitle || (docTitle ? cleanTitle(docTitle) : '') || null;
  const meta: Partial<Meta> = {
    title,
    date: parseAnyDate(metaContent('article:published_time', 'PubDate', 'pubdate', 'publishdate', 'publish_date', 'date', 'og:release_date')),
    source: metaContent('source', 'ContentSource', 'og:site_name', 'SiteName'),
    url: $('link[rel="canonical"]').attr('href') ?? metaContent('og:url'),
  };
  const author = metaContent('author', 'Author', 'article:author');
  if (author) meta.authors = author.split(/[\s,，、]+/u).filter((x) => /^\p{Script=Han}{2,4}$/u.test(x));

  $(DROP).remove();
  $('*').each((_, el) => {
    const attrs = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (attrs.trim() && FURNITURE_ATTR.test(attrs) && !/content|article|text|body|detail|TRS_Editor/i.test(attrs)) $(el).remove();
  });

  // Score parents by their paragraphs' punctuation (readability's idea, with Chinese punctuation).
  const scores = new Map<Node, number>();
  $('p, div, td, section, article, font, span').each((_, el) => {
    const own = $(el).clone().children('div, table, section, article').remove().end().text();
    const linkText = $(el).find('a').text();
    const score = punctCount(own) - 2 * punctCount(linkText);
    if (score <= 0) return;
    const parent = el.tagName === 'p' || el.tagName === 'span' || el.tagName === 'font' ? el.parent : el;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
  });
  let best: Node | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) if (s > bestScore) { best = el; bestScore = s; }
  const how = best ? 'punctuation-density' : 'whole-body';
  const bodyText = blockText($, best ?? $('body').get(0) ?? $.root().get(0)!);
  const pageText = [title ?? '', bodyText].filter(Boolean).join('\n');
  return { pageText, meta, how };
}
