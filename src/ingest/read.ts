import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { SourceInfo } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { readCsv } from './containers/csv.js';
import { readFeed } from './containers/feed.js';
import { type FieldMap, recordMeta } from './containers/fields.js';
import { readJson, readJsonLines } from './containers/json.js';
import { crawlHint } from './crawlHints.js';
import { BinaryContentError, decodeBytes } from './decode.js';
import { contentKind, failedItem, item, type ItemContext, type RawItem } from './item.js';
import { frontMatter } from './markdown.js';

export type { RawItem } from './item.js';

/** Extensions read, and the container each is. */
const FORMATS: Record<string, SourceInfo['format']> = {
  '.txt': 'txt', '.text': 'txt', '.html': 'html', '.htm': 'html', '.shtml': 'html', '.xhtml': 'html',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl',
  '.csv': 'csv', '.tsv': 'csv', '.md': 'md', '.markdown': 'md',
};
export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

export interface ReadOptions {
  /** Files above this size are refused unread (E016). */
  maxBytes: number;
  /** The user's own export schema: extra field names per role (body, title, date…). */
  fields?: FieldMap;
}

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

/** Read one file into raw items; failures become items with `error` so the run can store the reason. */
export function readInputFile(path: string, options: ReadOptions | number): RawItem[] {
  const opts: ReadOptions = typeof options === 'number' ? { maxBytes: options } : options;
  const ext = extname(path).toLowerCase();
  const format = FORMATS[ext];
  const ctx: ItemContext = { path, format: format ?? 'txt', encoding: 'unknown', bytes: 0 };
  if (!format) return [failedItem(ctx, new CppccError('E008', { input: path }))];
  let bytes: Buffer;
  try {
    ctx.bytes = statSync(path).size;
    if (ctx.bytes > opts.maxBytes) return [failedItem(ctx, new CppccError('E016', { input: path, cause: `${ctx.bytes} bytes` }))];
    bytes = readFileSync(path);
  } catch (e) {
    return [failedItem(ctx, new CppccError('E001', { input: path, cause: errorMessage(e) }))];
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return [failedItem(ctx, new CppccError('E002', { input: path }))];
  const hint = format === 'html' ? crawlHint(path) : null;
  let decoded;
  try {
    decoded = decodeBytes(bytes, hint?.headerCharset ?? null);
  } catch (e) {
    if (e instanceof BinaryContentError) return [failedItem(ctx, new CppccError('E003', { input: path, cause: e.message }))];
    throw e;
  }
  ctx.encoding = decoded.encoding;
  const { text } = decoded;
  const fields = opts.fields ?? {};
  const withWarning = (it: RawItem): RawItem => (decoded.warning ? { ...it, warnings: [decoded.warning] } : it);
  switch (format) {
    case 'txt':
      // A page saved with a .txt name is still a page.
      return [withWarning(item(ctx, text, /^\s*</u.test(text) ? contentKind(text) : 'text'))];
    case 'html':
      // A saved fragment (an article's div exported alone) is the article, as a container field's is.
      return [withWarning(item(ctx, text, contentKind(text) === 'fragment' ? 'fragment' : 'page', hint ? { url: hint.url } : {}))];
    case 'feed':
      return readFeed(ctx, text);
    case 'json':
      return readJson(ctx, text, fields);
    case 'jsonl':
      return readJsonLines(ctx, text, fields);
    case 'csv':
      return readCsv(ctx, text, fields, ext === '.tsv');
    case 'md':
      return [readMarkdown(ctx, text, fields)];
  }
}

/** Markdown with optional front matter: the front matter is the record's metadata, the rest its body. */
function readMarkdown(ctx: ItemContext, text: string, fields: FieldMap): RawItem {
  let fm;
  try {
    fm = frontMatter(text);
  } catch (e) {
    return failedItem(ctx, new CppccError('E032', { input: ctx.path, cause: errorMessage(e) }));
  }
  return item(ctx, fm.body, 'markdown', recordMeta(fm.data, fields));
}
