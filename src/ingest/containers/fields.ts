import type { Meta } from '../../model/document.js';
import { loadJson } from '../../util/data.js';
import { unique } from '../../util/text.js';

/** The roles a container field can play; `body` is the article, the rest are metadata. */
export const FIELD_ROLES = ['body', 'title', 'subtitle', 'date', 'source', 'authors', 'editors', 'url'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];
/** A user's own schema: extra field names per role, tried before the defaults. */
export type FieldMap = Partial<Record<FieldRole, string[]>>;

interface ContainerData {
  fields: Record<FieldRole, string[]>;
  recordSearchDepth: number;
  listSeparators: string;
  hanListSeparators: string;
  notPersonNames: string[];
  agencySuffix: string;
  titleLabel: string;
}

let compiled: { d: ContainerData; separators: RegExp; hanSeparators: RegExp; notNames: Set<string>; agency: RegExp; titleLabel: RegExp } | null = null;
function data() {
  if (compiled) return compiled;
  const d = loadJson<ContainerData>('ingest', 'containers.json');
  compiled = { d, separators: new RegExp(d.listSeparators, 'u'), hanSeparators: new RegExp(d.hanListSeparators, 'u'), notNames: new Set(d.notPersonNames.map((n) => n.toLowerCase())), agency: new RegExp(d.agencySuffix, 'iu'), titleLabel: new RegExp(d.titleLabel, 'u') };
  return compiled;
}

/** publishTime, publish_time and Publish-Time are one name. */
const keyOf = (k: string) => k.toLowerCase().replace(/[\s_-]+/gu, '');

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

/** The names tried for each role: the user's first, then the defaults. */
export function fieldNames(user: FieldMap = {}): Record<FieldRole, string[]> {
  const { d } = data();
  return Object.fromEntries(FIELD_ROLES.map((r) => [r, unique([...(user[r] ?? []), ...d.fields[r]])])) as Record<FieldRole, string[]>;
}

/** A field's value by any of the names (case and separators ignored); empty values do not count. */
function lookup(rec: Rec, names: string[]): unknown {
  const keys = new Map(Object.keys(rec).map((k) => [keyOf(k), k]));
  for (const n of names) {
    const k = keys.get(keyOf(n));
    if (k === undefined) continue;
    const v = rec[k];
    if (v === null || v === undefined || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length)) continue;
    return v;
  }
  return undefined;
}

/** A body value as text: a string, or an array of strings (paragraphs) joined by line breaks. */
function bodyText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() ? v : null;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n').trim() ? v.join('\n') : null;
  return null;
}

/** A scalar as a string: YAML and JSON give dates as Date objects or epoch numbers too. */
export function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  if (isRecord(v)) return scalar(v.name ?? v.value ?? v.text ?? v['#text']);
  return null;
}

/** A person's name as credit fields give it: 2–4 Han characters (or with an interpunct), or a Latin "First Last". */
const PERSON = /^(\p{Script=Han}{2,4}|\p{Script=Han}{1,6}[·•]\p{Script=Han}{1,8}|\p{Script=Latin}[\p{Script=Latin}.'-]*(?: \p{Script=Latin}[\p{Script=Latin}.'-]*){1,3})$/u;

/**
 * Names in a credits field: lists split, the RSS form "mail@host (Name)" read as its name, and only what
 * looks like a person kept (role words, agencies, departments and addresses are not authors), each once.
 */
export function personList(v: unknown): string[] {
  const { separators, hanSeparators, notNames, agency } = data();
  const text = Array.isArray(v) ? null : (scalar(v) ?? '');
  const rss = text ? /^\S+@\S+\s*\((.+)\)\s*$/u.exec(text) : null;
  const list = rss ? rss[1] : text ?? '';
  const parts = text === null ? (v as unknown[]).map(scalar) : list.split(/\p{Script=Han}/u.test(list) ? hanSeparators : separators);
  return unique(parts.map((p) => (p ?? '').replace(/^[（(]|[)）]$/gu, '').trim()).filter((p) => PERSON.test(p) && !notNames.has(p.toLowerCase()) && !agency.test(p)));
}

/** A headline without a bracketed channel label ([视频], 【图文】). */
export function cleanHeadline(title: string): string {
  const t = title.replace(data().titleLabel, '').replace(/\s+/gu, ' ').trim();
  return t || title.trim();
}

export interface RecordFields {
  body: string;
  meta: Partial<Meta>;
}

/**
 * The article of a record: the body field of the record itself or of the nearest object nested in it
 * (API records keep the article in a detail object); metadata from that object first, then from the
 * objects around it. Null when no object within the search depth has a body field.
 */
export function recordFields(rec: Rec, user: FieldMap = {}): RecordFields | null {
  const names = fieldNames(user);
  const { d } = data();
  // Breadth first: the shallowest object with a body wins, with its ancestors for the metadata it lacks.
  let level: { obj: Rec; chain: Rec[] }[] = [{ obj: rec, chain: [] }];
  for (let depth = 0; depth <= d.recordSearchDepth && level.length; depth++) {
    for (const { obj, chain } of level) {
      const body = bodyText(lookup(obj, names.body));
      if (body === null) continue;
      return { body, meta: metaOf([obj, ...[...chain].reverse()], names) };
    }
    level = level.flatMap(({ obj, chain }) => Object.values(obj).filter(isRecord).map((child) => ({ obj: child, chain: [...chain, obj] })));
  }
  return null;
}

/** Metadata from the first of the objects (innermost first) that has each field. */
function metaOf(scopes: Rec[], names: Record<FieldRole, string[]>): Partial<Meta> {
  const first = (role: FieldRole) => scopes.map((s) => lookup(s, names[role])).find((v) => v !== undefined);
  const title = scalar(first('title'));
  return dropEmpty({
    title: title ? cleanHeadline(title) : null,
    subtitle: scalar(first('subtitle')),
    date: scalar(first('date')),
    source: scalar(first('source')),
    authors: personList(first('authors')),
    editors: personList(first('editors')),
    url: scalar(first('url')),
  });
}

/** The metadata of one record that carries no body of its own (Markdown front matter). */
export function recordMeta(rec: Rec, user: FieldMap = {}): Partial<Meta> {
  return metaOf([rec], fieldNames(user));
}

/** The field names a record has (nested ones as a.b), for the error that says no body field was found. */
export function describeFields(rec: Rec, depth = 2, prefix = ''): string[] {
  return Object.entries(rec).flatMap(([k, v]) => (isRecord(v) && depth > 0 ? [`${prefix}${k}`, ...describeFields(v, depth - 1, `${prefix}${k}.`)] : [`${prefix}${k}`]));
}

export function dropEmpty(meta: Partial<Meta>): Partial<Meta> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<Meta>;
}

/**
 * The records of a parsed JSON value: an array of objects, one object, or an API envelope whose
 * array of records sits inside it ({total, list:[…]}, {data:{items:[…]}}): the largest array of objects
 * within the search depth whose elements have a body field.
 */
export function recordsOf(value: unknown, user: FieldMap = {}): { records: unknown[]; envelope: string | null } {
  if (Array.isArray(value)) return { records: value, envelope: null };
  if (!isRecord(value)) return { records: [value], envelope: null };
  if (recordFields(value, user) && !hasRecordArray(value, user)) return { records: [value], envelope: null };
  const { d } = data();
  let best: { path: string; arr: unknown[] } | null = null;
  const walk = (o: Rec, path: string, depth: number) => {
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v) && v.some((x) => isRecord(x) && recordFields(x, user))) {
        if (!best || v.length > best.arr.length) best = { path: path + k, arr: v };
      } else if (isRecord(v) && depth < d.recordSearchDepth) walk(v, `${path}${k}.`, depth + 1);
    }
  };
  walk(value, '', 1);
  const found = best as { path: string; arr: unknown[] } | null;
  return found ? { records: found.arr, envelope: found.path } : { records: [value], envelope: null };
}

/** An envelope's own fields can include a short body-like field (a summary): an array of records decides. */
function hasRecordArray(o: Rec, user: FieldMap): boolean {
  return Object.values(o).some((v) => Array.isArray(v) && v.length > 1 && v.every((x) => isRecord(x) && recordFields(x, user)));
}
