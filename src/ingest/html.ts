import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Meta } from '../model/document.js';
import { siteProfiles, type ResolvedProfile, type SiteProfiles } from '../sites/profiles.js';
import { loadJson } from '../util/data.js';
import { findDate, parseAnyDate } from './dates.js';
import { tagStrippedText } from './tagText.js';
import { articleText, blockLines, LINK_LINE_SHARE, lineKey, type TextLine } from './htmlText.js';
import { readArticle } from './readability.js';

interface HtmlData {
  drop: string;
  furnitureAttr: string;
  contentAttr: string;
  readabilityCharThreshold: number;
  maxCascadeDepth: number;
  profileMinChars: number;
  metaZoneLines: number;
  metaZoneCue: string;
  metaZoneMaxChars: number;
}

let compiled: ReturnType<typeof compile> | null = null;
function compile() {
  const d = loadJson<HtmlData>('text', 'html.json');
  return { d, furnitureAttr: new RegExp(d.furnitureAttr, 'i'), contentAttr: new RegExp(d.contentAttr, 'i'), metaZoneCue: new RegExp(d.metaZoneCue, 'u') };
}
const data = () => (compiled ??= compile());

const CN_PUNCT = /[，。；、：！？]/gu;
/** A line that ends a sentence is prose, never an info-bar line. */
const SENTENCE_END = /[。！？!?][”"」』）)]?$/u;

export type HtmlStep = 'profile' | 'readability' | 'density' | 'longest-block' | 'whole-body' | 'too-deep';

export interface HtmlExtract {
  /** Title line, info-bar lines, the main text and the lines after it, for the line cleaner. */
  pageText: string;
  meta: Partial<Meta>;
  /** The cascade step that produced the main text (with the profile name for `profile`). */
  how: string;
  step: HtmlStep;
}

export interface HtmlOptions {
  /** The page's URL (from the crawl manifest or the caller); picks the site profile. */
  url?: string | null;
  profiles?: SiteProfiles;
}

/** Strip the site suffix from a <title>: "标题_频道_网站名" / "标题 - 网站名" → the longest part. */
export function cleanTitle(title: string): string {
  const parts = title.split(/\s*(?:_|\||｜|--|—|-\s)\s*/u).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts.reduce((a, b) => (b.length > a.length ? b : a), parts[0]) : title.trim();
}

/** A site name glued to a headline ("有英雄的城！-新华网"): a short tail after a separator that names a publication. */
const SITE_SUFFIX = /\s*[-_|｜—]\s*[^-_|｜—\s]{1,12}(网|报|频道|台|在线)\s*$/u;

export function stripSiteSuffix(title: string): string {
  const t = title.replace(SITE_SUFFIX, '').trim();
  return t.length >= 4 ? t : title.trim();
}

function punctCount(s: string): number {
  return (s.match(CN_PUNCT) ?? []).length;
}

/** JSON-LD objects of the page (NewsArticle and friends), parse failures ignored. */
function jsonLd($: cheerio.CheerioAPI): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      const v = JSON.parse($(el).text()) as unknown;
      const items = Array.isArray(v) ? v : [v];
      for (const it of items) if (it && typeof it === 'object') out.push(it as Record<string, unknown>);
    } catch {
      // A broken JSON-LD block is common and carries nothing we need elsewhere.
    }
  });
  return out;
}

function firstString(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (Array.isArray(v)) for (const x of v) { const s = firstString(x); if (s) return s; }
  if (v && typeof v === 'object' && 'name' in v) return firstString((v as { name: unknown }).name);
  return null;
}

/**
 * Title: a headline (h1 or og:title) that the <title> contains wins, as the <title> adds channel and site
 * names; else the <title> without its suffix; else the first h1.
 */
export function pickTitle(docTitle: string, candidates: string[]): string | null {
  const key = lineKey(docTitle);
  // A logo h1 or a <title> that is only the site's name ("某政协网") names no article.
  const good = candidates.map((c) => c.trim()).filter((c) => c.length >= MIN_HEADLINE_CHARS && !SITE_NAME.test(c));
  // The longest contained candidate: a short headline (a district's name over its brief) counts when the <title> has it too.
  const inTitle = good.filter((c) => key.includes(lineKey(c))).sort((a, b) => b.length - a.length)[0];
  if (inTitle) return stripSiteSuffix(inTitle);
  const own = docTitle.trim() ? stripSiteSuffix(cleanTitle(docTitle)) : '';
  if (own && !SITE_NAME.test(own)) return own;
  return good.find((c) => c.length >= 4) ?? null;
}

/** A site's own name: a short name ending as publications and portals do. */
const SITE_NAME = /^[\p{Script=Han}A-Za-z0-9]{0,10}(网|報|报|频道|台|在线|政协|门户|网站)$/u;
/** The shortest headline taken from the markup, when the <title> repeats it (a place name over a brief). */
const MIN_HEADLINE_CHARS = 2;

/** A kicker (引题) or subheading is a short line, not a sentence and not a date or info bar. */
const HEADING_LINE = /^[^。！？!?]{4,40}$/u;

/**
 * The headline's companion lines: the kicker right above the <h1> (引题) or the subheading right below it
 * (副题), when the page writes them as their own short blocks.
 */
function subheading($: cheerio.CheerioAPI): string | null {
  const h1 = $('h1').filter((_, el) => $(el).text().trim().length > 0).first();
  if (!h1.length) return null;
  const text = (el: cheerio.Cheerio<AnyNode>) => el.text().replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
  // Not a breadcrumb (首页 > 新闻中心), an info bar (来源：…) or a date.
  const ok = (t: string) => HEADING_LINE.test(t) && !findDate(t) && !/[:：>＞›»|｜]/u.test(t);
  const near = (dir: 'prev' | 'next') => {
    let el = dir === 'prev' ? h1.prev() : h1.next();
    while (el.length && !text(el) && !el.is('table, img')) el = dir === 'prev' ? el.prev() : el.next();
    return el.length ? text(el) : '';
  };
  const below = near('next');
  if (ok(below) && $(h1).next().is('h2, h3, p')) return below;
  const above = near('prev');
  return ok(above) ? above : null;
}

/** Metadata from the head and the document structure (meta tags, JSON-LD, <time>). */
function pageMeta($: cheerio.CheerioAPI): Partial<Meta> {
  const metaContent = (...names: string[]) => {
    for (const n of names) {
      const v = $(`meta[name="${n}"], meta[property="${n}"], meta[itemprop="${n}"]`).attr('content');
      if (v && v.trim()) return v.trim();
    }
    return null;
  };
  const ld = jsonLd($);
  const ldField = (k: string) => ld.map((o) => firstString(o[k])).find(Boolean) ?? null;
  const h1s = $('h1').toArray().map((el) => $(el).text().replace(/\s+/gu, ' ').trim()).filter(Boolean);
  const title = pickTitle($('title').first().text(), [metaContent('og:title', 'ArticleTitle') ?? '', ldField('headline') ?? '', ...h1s]);
  const date =
    parseAnyDate(metaContent('article:published_time', 'PubDate', 'pubdate', 'publishdate', 'publish_date', 'date', 'og:release_date', 'datePublished')) ??
    parseAnyDate(ldField('datePublished')) ??
    parseAnyDate($('time[datetime]').first().attr('datetime'));
  const meta: Partial<Meta> = {
    title,
    subtitle: subheading($),
    date,
    source: metaContent('source', 'ContentSource'),
    url: $('link[rel="canonical"]').attr('href') ?? metaContent('og:url'),
  };
  const author = metaContent('author', 'Author', 'article:author') ?? ldField('author');
  if (author) meta.authors = author.split(/[\s,，、]+/u).filter((x) => /^\p{Script=Han}{2,4}$/u.test(x));
  return meta;
}

/** The profile's selectors: body text and the metadata fields it names. */
function byProfile($: cheerio.CheerioAPI, p: ResolvedProfile): { body: string; meta: Partial<Meta> } | null {
  const a = p.article;
  const meta: Partial<Meta> = {};
  const text = (sel?: string) => (sel ? $(sel).first().text().replace(/\s+/gu, ' ').trim() || null : null);
  if (a.title) meta.title = text(a.title);
  if (a.subtitle) meta.subtitle = text(a.subtitle);
  if (a.date) meta.date = parseAnyDate(text(a.date));
  if (a.source) meta.source = text(a.source)?.replace(/^来源[:：]\s*/u, '') ?? null;
  if (a.author) meta.authors = (text(a.author) ?? '').replace(/^(作者|记者)[:：]\s*/u, '').split(/[\s,，、]+/u).filter(Boolean);
  if (a.editor) meta.editors = (text(a.editor) ?? '').replace(/^\[?(责任编辑|编辑)[:：]\s*/u, '').replace(/\]$/u, '').split(/[\s,，、]+/u).filter(Boolean);
  if (!a.body) return null;
  const el = $(a.body).first();
  if (!el.length) return null;
  for (const sel of a.remove ?? []) el.find(sel).remove();
  const body = articleText($, el.get(0)!);
  return lineKey(body).length >= data().d.profileMinChars ? { body, meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v)) } : null;
}

/** Drop furniture elements and containers whose class/id names furniture (share bars, related lists). */
function stripFurniture($: cheerio.CheerioAPI): void {
  const c = data();
  $('*').each((_, el) => {
    const attrs = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (attrs.trim() && c.furnitureAttr.test(attrs) && !c.contentAttr.test(attrs)) $(el).remove();
  });
}

/** Density step: score containers by the Chinese punctuation of their paragraphs, link text subtracted. */
function byDensity($: cheerio.CheerioAPI): AnyNode | null {
  const scores = new Map<AnyNode, number>();
  $('p, div, td, section, article, font, span').each((_, el) => {
    const own = $(el).clone().children('div, table, section, article').remove().end().text();
    const linkText = $(el).find('a').text();
    const score = punctCount(own) - 2 * punctCount(linkText);
    if (score <= 0) return;
    const parent = el.tagName === 'p' || el.tagName === 'span' || el.tagName === 'font' ? el.parent : el;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
  });
  let best: AnyNode | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) if (s > bestScore) { best = el; bestScore = s; }
  return best;
}

/** Last resort: the block whose own text (nested blocks and links excluded) is longest. */
function longestBlock($: cheerio.CheerioAPI): AnyNode | null {
  let best: AnyNode | null = null;
  let bestLen = 0;
  $('p, div, td, section, article, li').each((_, el) => {
    const own = lineKey($(el).clone().children('div, table, section, article, ul, ol, a').remove().end().text()).length;
    if (own > bestLen) { best = el; bestLen = own; }
  });
  return best;
}

/**
 * The info bar around the body (date, 来源, bylines above it; 责任编辑 below it) as short lines for the line
 * cleaner, which reads them into metadata. Readability and the profile return only the article itself.
 */
function metaZones(page: TextLine[], bodyLines: string[]): { before: string[]; after: string[] } {
  const c = data();
  const pageLines = page.map((l) => l.text);
  const keys = pageLines.map(lineKey);
  const firstKey = lineKey(bodyLines[0] ?? '');
  const lastKey = lineKey(bodyLines[bodyLines.length - 1] ?? '');
  const start = firstKey ? keys.findIndex((k) => k === firstKey || (k.length > 0 && (k.startsWith(firstKey) || firstKey.startsWith(k)))) : -1;
  let end = -1;
  if (lastKey) for (let i = keys.length - 1; i >= Math.max(start, 0); i--) if (keys[i] === lastKey || (keys[i].length > 0 && keys[i].endsWith(lastKey))) { end = i; break; }
  const ok = (l: string) => l.length <= c.d.metaZoneMaxChars && c.metaZoneCue.test(l) && !SENTENCE_END.test(l);
  const before = start > 0 ? pageLines.slice(Math.max(0, start - c.d.metaZoneLines), start).filter(ok) : [];
  // A related-articles list between the body and its editor line is skipped, not counted.
  const after = end >= 0 ? page.slice(end + 1).filter((l) => l.linkShare < LINK_LINE_SHARE).slice(0, c.d.metaZoneLines).map((l) => l.text).filter(ok) : [];
  return { before, after };
}

/** The nesting depth above which markup skips the DOM (pipelines/text/html.json). */
export function maxCascadeDepth(): number {
  return data().d.maxCascadeDepth;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);

/** How deep a page's elements nest, read from its tags in one pass (no DOM): what decides whether the cascade can afford it. */
export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/gu)) {
    if (VOID.has(m[2].toLowerCase()) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  return max;
}

/**
 * A page nested deeper than the cascade can afford (Readability and parse5 are quadratic in depth, the DOM
 * parsers' handling of unclosed tags too, and cheerio's text() recurses): its tags are stripped in linear
 * passes and the text goes to the line cleaner, which finds the article in it as in a saved text page.
 */
function tooDeep(html: string): HtmlExtract {
  const body = /<body\b/iu.exec(html);
  return { pageText: tagStrippedText(body ? html.slice(body.index) : html), meta: {}, how: 'too-deep', step: 'too-deep' };
}

/**
 * HTML main text, a recorded cascade: the site profile's body selector → Mozilla Readability → a density
 * score on Chinese punctuation (short notices, pages of many short paragraphs) → the longest block.
 */
export function extractHtml(html: string, opts: HtmlOptions = {}): HtmlExtract {
  const c = data();
  if (nestingDepth(html) > c.d.maxCascadeDepth) return tooDeep(html);
  const $ = cheerio.load(html);
  const meta = pageMeta($);
  const profiles = opts.profiles ?? siteProfiles();
  const profile = profiles.forUrl(opts.url ?? meta.url);
  $(c.d.drop).remove();
  const page = blockLines($, $('body').get(0) ?? $.root().get(0)!);
  const pageLines = page.map((l) => l.text);

  let body: string | null = null;
  let step: HtmlStep = 'whole-body';
  const prof = byProfile($, profile);
  if (prof) {
    body = prof.body;
    step = 'profile';
    Object.assign(meta, prof.meta);
  }
  if (body === null) {
    const r = readArticle(html, c.d.readabilityCharThreshold);
    if (r) {
      const $r = cheerio.load(r.html);
      body = articleText($r, $r.root().get(0)!);
      step = 'readability';
      meta.date ??= parseAnyDate(r.publishedTime);
    }
  }
  if (body === null) {
    stripFurniture($);
    const dense = byDensity($);
    const el = dense ?? longestBlock($);
    if (el) {
      body = articleText($, el);
      step = dense ? 'density' : 'longest-block';
    }
  }
  body ??= pageLines.join('\n');
  const bodyLines = body.split('\n').filter((l) => l.trim());
  const zones = step === 'whole-body' ? { before: [], after: [] } : metaZones(page, bodyLines);
  const pageText = [meta.title ?? '', ...zones.before, ...bodyLines, ...zones.after].filter(Boolean).join('\n');
  return { pageText, meta, how: step === 'profile' ? `profile:${profile.name}` : step, step };
}
