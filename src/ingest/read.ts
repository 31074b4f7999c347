import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import iconv from 'iconv-lite';
import { extname, join, resolve } from 'node:path';
import type { SourceInfo } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { readCsv } from './containers/csv.js';
import { readFeed } from './containers/feed.js';
import { type FieldMap, recordMeta } from './containers/fields.js';
import { readJson, readJsonLines } from './containers/json.js';
import { crawlHint } from './crawlHints.js';
import { BinaryContentError, decodeBytes } from '../util/decode.js';
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

/** An input the walk could not use, with why (a folder that cannot be read, a name that is not UTF-8). */
export interface SkippedInput { path: string; reason: string }

export interface InputFiles {
  files: string[];
  /** Input paths that do not exist. */
  missing: string[];
  skipped: SkippedInput[];
}

/**
 * Files under the given paths, folders walked recursively (hidden entries skipped), sorted for determinism.
 * Each folder and file is visited once by its real path, so a symlink loop or a second link to the same
 * folder adds nothing; an unreadable folder or an undecodable name is reported and the walk goes on.
 */
export function listInputFiles(paths: string[]): InputFiles {
  const files = new Map<string, string>();
  const missing: string[] = [];
  const skipped: SkippedInput[] = [];
  const seenDirs = new Set<string>();
  // Links are followed after every real entry, so a file reached both ways keeps its own path, not the link's.
  const links: string[] = [];
  const walk = (p: string, top: boolean) => {
    let real: string;
    let st;
    try {
      real = realpathSync(p);
      st = statSync(real);
    } catch (e) {
      if (top) missing.push(p);
      else skipped.push({ path: p, reason: `cannot be read (${errorMessage(e)})` });
      return;
    }
    if (st.isDirectory()) {
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let names: Buffer[];
      try {
        names = readdirSync(p, { encoding: 'buffer' });
      } catch (e) {
        skipped.push({ path: p, reason: `the folder cannot be read (${errorMessage(e)})` });
        return;
      }
      const decoded = names.map((raw) => ({ raw, name: raw.toString('utf8') })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const { raw, name } of decoded) {
        if (name.startsWith('.')) continue;
        if (!Buffer.from(name, 'utf8').equals(raw)) {
          skipped.push({ path: join(p, name), reason: `its name is not UTF-8 (read as GBK: ${iconv.decode(raw, 'gb18030')}); rename it, e.g. convmv -f gbk -t utf-8 --notest` });
          continue;
        }
        const child = join(p, name);
        if (lstatSync(child, { throwIfNoEntry: false })?.isSymbolicLink()) links.push(child);
        else walk(child, false);
      }
    } else if (st.isFile() && !files.has(real)) files.set(real, p);
  };
  for (const p of paths) walk(resolve(p), true);
  while (links.length) walk(links.shift()!, false);
  return { files: [...files.values()].sort(), missing, skipped };
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
  // Bytes no charset could read are U+FFFD now: each item that holds some says how many and where.
  const withInvalid = (items: RawItem[]): RawItem[] => (decoded.invalid ? items.map((it) => {
    const count = [...it.raw].filter((ch) => ch === '\uFFFD').length;
    return count && !it.invalid ? { ...it, invalid: { count, first: it.raw.indexOf('\uFFFD'), what: `bytes that are not ${decoded.encoding}` } } : it;
  }) : items);
  return withInvalid(readAs(format, ctx, text, ext, fields, hint, withWarning));
}

function readAs(format: SourceInfo['format'], ctx: ItemContext, text: string, ext: string, fields: FieldMap, hint: ReturnType<typeof crawlHint>, withWarning: (it: RawItem) => RawItem): RawItem[] {
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
