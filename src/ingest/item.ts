import { basename } from 'node:path';
import type { ContentKind, Meta, SourceInfo } from '../model/document.js';
import type { CppccError } from '../model/errors.js';
import { sha256 } from '../util/hash.js';

/** One document's worth of input, before main-text extraction; `error` set when it cannot be read. */
export interface RawItem {
  source: SourceInfo;
  raw: string;
  /** Metadata the container carried (feed item fields, export fields, front matter). */
  meta: Partial<Meta>;
  error: CppccError | null;
  /** Problems that did not stop reading (bytes that do not fit the declared charset). */
  warnings?: string[];
  /** Characters that could not be read (invalid bytes, lone surrogates), now U+FFFD in `raw`: how many, where the first is. */
  invalid?: { count: number; first: number; what: string };
}

/** A UTF-16 surrogate without its pair (a JSON "\ud800" escape): no text can hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;
const LONE_SURROGATE_TEST = new RegExp(LONE_SURROGATE.source, 'u');

/** The text with lone surrogates replaced by U+FFFD (one unit each, so offsets hold), and how many there were. */
export function wellFormed(s: string): { text: string; count: number; first: number } {
  if (!LONE_SURROGATE_TEST.test(s)) return { text: s, count: 0, first: -1 };
  let count = 0;
  let first = -1;
  const text = s.replace(LONE_SURROGATE, (_m, offset: number) => {
    if (first < 0) first = offset;
    count++;
    return '\uFFFD';
  });
  return { text, count, first };
}

export interface ItemContext {
  path: string;
  format: SourceInfo['format'];
  encoding: string;
  /** Bytes of the whole file. */
  bytes: number;
}

/** Tags that only an HTML fragment or page has; a stray "<" in prose is not markup. */
const HTML_TAG = /<\/?(p|div|br|span|section|article|img|h[1-6]|li|ul|ol|table|tr|td|strong|em|b|i|a|font|center|blockquote|figure|hr)\b[^>]*>/iu;
/** A whole page, not a fragment: it has the document's own structure. */
const WHOLE_PAGE = /<(!doctype\s+html|html|head|body)\b/iu;

/** What a text holds: a whole HTML page, an HTML fragment (a container field's article), or plain text. */
export function contentKind(text: string): ContentKind {
  if (WHOLE_PAGE.test(text.slice(0, 4096))) return 'page';
  return HTML_TAG.test(text) ? 'fragment' : 'text';
}

/** A readable item; `index` is its place inside a multi-document container (null for a single document). */
export function item(ctx: ItemContext, raw: string, content: ContentKind, meta: Partial<Meta> = {}, index: number | null = null): RawItem {
  const base = basename(ctx.path);
  const clean = wellFormed(raw);
  const metaClean = Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, typeof v === 'string' ? wellFormed(v).text : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? wellFormed(x).text : x)) : v])) as Partial<Meta>;
  const it: RawItem = {
    source: { path: ctx.path, file: index === null ? base : `${base}#${index}`, item: index, format: ctx.format, content, encoding: ctx.encoding, sha256: sha256(clean.text), bytes: ctx.bytes },
    raw: clean.text, meta: metaClean, error: null,
  };
  if (clean.count) it.invalid = { count: clean.count, first: clean.first, what: 'lone surrogates' };
  return it;
}

/**
 * An item that could not be read, stored with its coded reason. `salt` keeps failed items of one file
 * apart (their content hash is their id).
 */
export function failedItem(ctx: ItemContext, err: CppccError, index: number | null = null, salt = ''): RawItem {
  const base = basename(ctx.path);
  return {
    source: { path: ctx.path, file: index === null ? base : `${base}#${index}`, item: index, format: ctx.format, content: 'text', encoding: ctx.encoding, sha256: sha256(`error:${ctx.path}:${index ?? ''}:${err.code}:${salt}`), bytes: ctx.bytes },
    raw: '', meta: {}, error: err,
  };
}
