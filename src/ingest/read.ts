import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import * as cheerio from 'cheerio';
import type { Meta, SourceInfo } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { sha256 } from '../util/hash.js';
import { crawlHint } from './crawlHints.js';
import { BinaryContentError, decodeBytes } from './decode.js';

/** One document's worth of input, before main-text extraction; `error` set when it cannot be read. */
export interface RawItem {
  source: SourceInfo;
  raw: string;
  /** Metadata the container carried (feed item fields, JSON export fields). */
  meta: Partial<Meta>;
  error: CppccError | null;
  /** Problems that did not stop reading (bytes that do not fit the declared charset). */
  warnings?: string[];
}

export const SUPPORTED_EXTENSIONS = ['.txt', '.html', '.htm', '.xml', '.rss', '.atom', '.json', '.jsonl'];

/** Field names site exports use for the body and for metadata, tried in order. */
const BODY_FIELDS = ['content', 'body', 'text', 'article', 'html', 'content_html', 'fulltext', '正文', '内容'];
const FIELD_NAMES = {
  title: ['title', 'headline', '标题'],
  subtitle: ['subtitle', 'sub_title', '副标题'],
  date: ['date', 'publish_date', 'pub_date', 'published', 'publish_time', 'pubDate', 'time', 'datetime', '日期', '发布时间'],
  source: ['source', 'publisher', 'site', 'media', '来源'],
  authors: ['authors', 'author', 'byline', 'reporter', '作者'],
  editors: ['editors', 'editor', '编辑', '责任编辑'],
  url: ['url', 'link', 'href'],
} as const;

/** Files under the given paths (folders walked recursively, hidden entries skipped), sorted for determinism. */
export function listInputFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
    } else if (st.isFile()) files.push(p);
  };
  for (const p of paths) walk(resolve(p));
  return { files: [...new Set(files)].sort(), missing };
}

function sourceInfo(path: string, format: SourceInfo['format'], content: string, encoding: string, item: number | null, bytes: number): SourceInfo {
  const base = basename(path);
  return { path, file: item === null ? base : `${base}#${item}`, item, format, encoding, sha256: sha256(content), bytes };
}

function failed(path: string, err: CppccError, format: SourceInfo['format'] = 'txt', bytes = 0): RawItem {
  return { source: sourceInfo(path, format, `error:${path}:${err.code}`, 'unknown', null, bytes), raw: '', meta: {}, error: err };
}

/** Read one file into raw items; failures become items with `error` so the run can store the reason. */
export function readInputFile(path: string, maxBytes: number): RawItem[] {
  const ext = extname(path).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) return [failed(path, new CppccError('E008', { input: path }))];
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return [failed(path, new CppccError('E016', { input: path, cause: `${size} bytes` }), 'txt', size)];
    bytes = readFileSync(path);
  } catch (e) {
    return [failed(path, new CppccError('E001', { input: path, cause: errorMessage(e) }))];
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return [failed(path, new CppccError('E002', { input: path }))];
  let decoded;
  const hint = ext === '.html' || ext === '.htm' ? crawlHint(path) : null;
  try {
    decoded = decodeBytes(bytes, hint?.headerCharset ?? null);
  } catch (e) {
    if (e instanceof BinaryContentError) return [failed(path, new CppccError('E003', { input: path, cause: e.message }), 'txt', bytes.length)];
    throw e;
  }
  const { text, encoding } = decoded;
  const one = (format: SourceInfo['format'], raw: string, meta: Partial<Meta> = {}): RawItem =>
    ({ source: sourceInfo(path, format, raw, encoding, null, bytes.length), raw, meta, error: null });

  switch (ext) {
    case '.txt': {
      const item = one('txt', text);
      if (decoded.warning) item.warnings = [decoded.warning];
      return [item];
    }
    case '.html':
    case '.htm': {
      const item = one('html', text, hint ? { url: hint.url } : {});
      if (decoded.warning) item.warnings = [decoded.warning];
      return [item];
    }
    case '.xml':
    case '.rss':
    case '.atom':
      return readFeed(path, text, encoding, bytes.length);
    case '.json': {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        return [failed(path, new CppccError('E004', { input: path, cause: errorMessage(e) }), 'json', bytes.length)];
      }
      const records = Array.isArray(data) ? data : [data];
      if (!records.length) return [failed(path, new CppccError('E019', { input: path }), 'json', bytes.length)];
      return records.map((r, i) => fromRecord(path, r, Array.isArray(data) ? i : null, 'json', encoding, bytes.length));
    }
    case '.jsonl': {
      const out: RawItem[] = [];
      text.split(/\r?\n/).forEach((line, i) => {
        if (!line.trim()) return;
        try {
          out.push(fromRecord(path, JSON.parse(line), i, 'jsonl', encoding, bytes.length));
        } catch (e) {
          const item = failed(`${path}`, new CppccError('E004', { input: `${path} line ${i + 1}`, cause: errorMessage(e) }), 'jsonl', bytes.length);
          item.source = { ...item.source, item: i, file: `${basename(path)}#${i}`, sha256: sha256(`error:${path}:${i}:${line}`) };
          out.push(item);
        }
      });
      return out.length ? out : [failed(path, new CppccError('E019', { input: path }), 'jsonl', bytes.length)];
    }
  }
  return [failed(path, new CppccError('E008', { input: path }))];
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((x): x is string => !!x);
  const s = str(v);
  return s ? s.split(/[、,，;；\s]+/u).filter(Boolean) : [];
}

function pick(rec: Record<string, unknown>, names: readonly string[]): unknown {
  for (const n of names) if (rec[n] !== undefined && rec[n] !== null) return rec[n];
  return undefined;
}

/** A JSON export record: body from the common field names (string or array of strings), meta from the rest. */
function fromRecord(path: string, rec: unknown, item: number | null, format: 'json' | 'jsonl', encoding: string, bytes: number): RawItem {
  const where = item === null ? path : `${path} item ${item}`;
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    const f = failed(path, new CppccError('E007', { input: where, fields: BODY_FIELDS.join(', ') }), format, bytes);
    f.source = { ...f.source, item, file: item === null ? f.source.file : `${basename(path)}#${item}`, sha256: sha256(`error:${where}`) };
    return f;
  }
  const r = rec as Record<string, unknown>;
  const bodyValue = pick(r, BODY_FIELDS);
  const body = Array.isArray(bodyValue) ? bodyValue.map(str).filter(Boolean).join('\n') : str(bodyValue);
  if (!body) {
    const f = failed(path, new CppccError('E007', { input: where, fields: BODY_FIELDS.join(', ') }), format, bytes);
    f.source = { ...f.source, item, file: item === null ? f.source.file : `${basename(path)}#${item}`, sha256: sha256(`error:${where}:${JSON.stringify(r).slice(0, 200)}`) };
    return f;
  }
  const isHtml = /<\/?(p|div|br|span|section|article)\b/i.test(body);
  const meta: Partial<Meta> = {
    title: str(pick(r, FIELD_NAMES.title)),
    subtitle: str(pick(r, FIELD_NAMES.subtitle)),
    date: str(pick(r, FIELD_NAMES.date)),
    source: str(pick(r, FIELD_NAMES.source)),
    authors: strList(pick(r, FIELD_NAMES.authors)),
    editors: strList(pick(r, FIELD_NAMES.editors)),
    url: str(pick(r, FIELD_NAMES.url)),
  };
  const source = sourceInfo(path, format, body, encoding, item, bytes);
  return { source: { ...source, format: isHtml ? 'html' : format }, raw: body, meta: dropEmpty(meta), error: null };
}

function dropEmpty(meta: Partial<Meta>): Partial<Meta> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<Meta>;
}

/** RSS 2.0 and Atom: one item per <item>/<entry>, HTML from content:encoded, content, description or summary. */
function readFeed(path: string, xml: string, encoding: string, bytes: number): RawItem[] {
  if (/<!ENTITY/i.test(xml)) {
    return [failed(path, new CppccError('E004', { input: path, cause: 'DTD entity declarations are refused (entity expansion)' }), 'feed', bytes)];
  }
  const $ = cheerio.load(xml, { xml: true });
  const entries = $('item, entry').toArray();
  if (entries.length === 0) return [failed(path, new CppccError('E006', { input: path }), 'feed', bytes)];
  const items: RawItem[] = [];
  entries.forEach((el, i) => {
    const e = $(el);
    const text = (sel: string) => e.children(sel).first().text().trim() || null;
    const body = text('content\\:encoded') ?? text('content') ?? text('description') ?? text('summary');
    const where = `${path} item ${i}`;
    if (!body) {
      const f = failed(path, new CppccError('E007', { input: where, fields: 'content:encoded, content, description, summary' }), 'feed', bytes);
      f.source = { ...f.source, item: i, file: `${basename(path)}#${i}`, sha256: sha256(`error:${where}`) };
      items.push(f);
      return;
    }
    const link = text('link') ?? e.children('link').attr('href') ?? null;
    const author = text('dc\\:creator') ?? e.find('author > name').first().text().trim() ?? text('author');
    const meta: Partial<Meta> = {
      title: text('title'),
      date: text('pubDate') ?? text('published') ?? text('updated') ?? text('dc\\:date'),
      authors: author ? [author] : [],
      url: link,
      source: $('channel > title, feed > title').first().text().trim() || null,
    };
    items.push({ source: sourceInfo(path, 'feed', body, encoding, i, bytes), raw: body, meta: dropEmpty(meta), error: null });
  });
  return items;
}
