/**
 * The store, declared: one spec per table, a column each with its name, its DuckDB type, what it means and
 * how it is read off a result. The appender writes by these specs, the row counts and exports list these
 * tables, and a test checks that a database built by schema.sql and its migrations has exactly these
 * columns in this order — so two columns can never be swapped or forgotten without a failing test.
 */
import type { Document } from '../model/document.js';
import type { QualityFlag } from '../model/flag.js';
import { isRunLabel, type Mechanism, type Metric, type OrgMention, type OrgSystem, type OrgUnit, type Person, type Provenance } from '../model/results.js';
import type { Span } from '../model/span.js';

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'VARCHAR[]' | 'INTEGER[]';
export type Cell = string | number | boolean | null | string[] | number[];

export interface Column<R> {
  name: string;
  type: ColumnType;
  /** What the column holds, for the data dictionary written beside exports. */
  about: string;
  get(row: R, ctx: RowContext): Cell;
}

export interface TableSpec<R> {
  name: string;
  about: string;
  /** The rows one document gives this table. */
  rows(doc: Document, ctx: RowContext): R[];
  columns: Column<R>[];
}

/** What every row of one document shares: the run, the pipeline and the document's offset mappings. */
export interface RowContext {
  doc: Document;
  runId: string;
  pipelineHash: string;
  /** [start, end) in `text` → the same span in `original`, or nulls when the map cannot place it. */
  original(start: number, end: number): [number | null, number | null];
  /** A UTF-16 offset into `text` as a code-point offset (what DuckDB's substr counts). */
  codePoint(offset: number): number;
  /** The same for an offset into `original`. */
  codePointOriginal(offset: number | null): number | null;
}

const v = <R>(name: string, about: string, get: (r: R, c: RowContext) => Cell): Column<R> => ({ name, type: 'VARCHAR', about, get });
const i = <R>(name: string, about: string, get: (r: R, c: RowContext) => Cell): Column<R> => ({ name, type: 'INTEGER', about, get });
const b = <R>(name: string, about: string, get: (r: R, c: RowContext) => Cell): Column<R> => ({ name, type: 'BOOLEAN', about, get });
const vl = <R>(name: string, about: string, get: (r: R, c: RowContext) => Cell): Column<R> => ({ name, type: 'VARCHAR[]', about, get });

const docId = <R>(): Column<R> => v('doc_id', 'the document (documents.doc_id)', (_r, c) => c.doc.id);

/** Offsets of a span: UTF-16 into text, the same span in original, evidence and the stage that found it. */
function spanColumns<R extends { start: number; end: number }>(evidence: ((r: R) => string | null) | null): Column<R>[] {
  return [
    i('start', 'start in documents.text, UTF-16 code units (JavaScript string offsets)', (r) => r.start),
    i('end', 'end (exclusive) in documents.text, UTF-16 code units', (r) => r.end),
    i('orig_start', 'start of the same span in documents.original (as published); null when the offset map cannot place it', (r, c) => c.original(r.start, r.end)[0]),
    i('orig_end', 'end of the same span in documents.original', (r, c) => c.original(r.start, r.end)[1]),
    ...(evidence ? [v<R>('evidence', 'the sentence the item was found in', (r) => evidence(r))] : []),
  ];
}

/**
 * Code-point offsets, for SQL, whose substr counts code points: substr(d.text, cp_start + 1, cp_end - cp_start)
 * is the surface, substr(d.original, orig_cp_start + 1, orig_cp_end - orig_cp_start) the same as published.
 * Last in each table, as migration 002 added them.
 */
function codePointColumns<R extends { start: number; end: number }>(): Column<R>[] {
  return [
    i('cp_start', 'start in documents.text in code points: substr(text, cp_start + 1, cp_end - cp_start) is the surface', (r, c) => c.codePoint(r.start)),
    i('cp_end', 'end (exclusive) in documents.text in code points', (r, c) => c.codePoint(r.end)),
    i('orig_cp_start', 'start in documents.original in code points', (r, c) => c.codePointOriginal(c.original(r.start, r.end)[0])),
    i('orig_cp_end', 'end (exclusive) in documents.original in code points', (r, c) => c.codePointOriginal(c.original(r.start, r.end)[1])),
  ];
}

type Extracted<T> = T & Provenance & { by?: string };
const extracted = <T>(doc: Document, key: string) => (doc.extracted[key] ?? []) as Extracted<T>[];
const stage = <R extends { by?: string }>(fallback: string): Column<R> => v('stage', 'the pipeline stage that found it (versioned id)', (r) => r.by ?? fallback);
const runIdCol = <R>(): Column<R> => v('run_id', 'the run that stored it (runs.run_id)', (_r, c) => c.runId);

export const documentsTable: TableSpec<Document> = {
  name: 'documents',
  about: 'one row per document: its source, metadata, the published and the normalized text',
  rows: (doc) => [doc],
  columns: [
    v('doc_id', 'content hash of the raw item (16 hex)', (d) => d.id),
    v('file', 'file name, with #N for item N of a container', (d) => d.source.file),
    v('path', 'path of the file read', (d) => d.source.path),
    i('item', 'place of the item inside its container (null for a single document)', (d) => d.source.item),
    v('format', 'container: txt, html, feed, json, jsonl, csv, md', (d) => d.source.format),
    v('encoding', 'charset the bytes were read in', (d) => d.source.encoding),
    v('sha256', 'sha256 of the raw item', (d) => d.source.sha256),
    { name: 'bytes', type: 'BIGINT', about: 'size of the file read', get: (d) => d.source.bytes },
    v('title', 'headline', (d) => d.meta.title),
    v('subtitle', 'subtitle or kicker', (d) => d.meta.subtitle),
    { name: 'date', type: 'DATE', about: 'publication date, null when the document states none', get: (d) => d.meta.date },
    i('year', 'year of date', (d) => (d.meta.date ? Number(d.meta.date.slice(0, 4)) : null)),
    v('source', 'publisher or outlet', (d) => d.meta.source),
    vl('authors', 'authors (bylines, speakers)', (d) => d.meta.authors),
    vl('editors', 'editors (责任编辑…)', (d) => d.meta.editors),
    v('doc_type', 'news, speech or commentary', (d) => d.meta.doc_type),
    v('script', 'simplified, traditional or mixed', (d) => d.meta.script),
    v('variant', 'OpenCC locale the text was converted from (tw, hk, t), null when Simplified', (d) => d.meta.variant),
    v('url', 'the page URL, when known', (d) => d.meta.url),
    v('original', 'main text as published (furniture removed), before normalisation', (d) => d.original),
    v('text', 'normalized Simplified text; every offset points into it', (d) => d.text),
    { name: 'offset_runs', type: 'INTEGER[]', about: 'the offset map from text to original as breakpoints [text, original, …]', get: (d) => (d.failed ? [] : offsetRuns(d)) },
    v('failed', 'why the document could not be processed (a coded message), null when it was', (d) => d.failed),
    v('run_id', 'the run that stored it', (_d, c) => c.runId),
    v('pipeline_hash', 'hash of the pipeline and its data: documents stored by another pipeline are processed again', (_d, c) => c.pipelineHash),
  ],
};

/** Offset map as breakpoints [textOffset, originalOffset, ...] where the map stops being a shift. */
export function offsetRuns(doc: Pick<Document, 'textToOriginal'>): number[] {
  const pts = doc.textToOriginal.toArray();
  const runs: number[] = [];
  for (let k = 0; k < pts.length; k++) if (k === 0 || pts[k] - pts[k - 1] !== 1 || k === pts.length - 1) runs.push(k, pts[k]);
  return runs;
}

export const flagsTable: TableSpec<QualityFlag> = {
  name: 'flags',
  about: 'quality findings: damage repaired or detected, the reason a document failed',
  rows: (doc) => doc.flags,
  columns: [
    docId(),
    v('rule_id', 'the rule (repair.pinyinGloss, damage.droppedCharacter, encoding.invalid…)', (f) => f.ruleId),
    v('stage', 'the stage that raised it', (f) => f.by),
    v('severity', 'info, warning or fatal', (f) => f.severity),
    v('reason', 'what was found, in words', (f) => f.reason),
    v('layer', 'text or original: which string start and end point into', (f) => f.span?.layer ?? null),
    i('start', 'start of the flagged span, UTF-16', (f) => f.span?.start ?? null),
    i('end', 'end of the flagged span, UTF-16', (f) => f.span?.end ?? null),
    v('data', 'the evidence as JSON (characters dropped, counts…)', (f) => (f.data ? JSON.stringify(f.data) : null)),
  ],
};

type OrgRow = Span & { attrs: OrgMention };
export const orgsTable: TableSpec<OrgRow> = {
  name: 'orgs',
  about: 'every organisation mentioned, with its resolved name and level',
  rows: (doc) => (doc.spans.orgs ?? []) as OrgRow[],
  columns: [
    docId(),
    v('surface', 'as written', (o) => o.attrs.surface),
    v('name', 'resolved name (该区政协 → the district named before)', (o) => o.attrs.name),
    v('level', 'national, provincial, prefecture or county', (o) => o.attrs.level),
    b('cppcc', 'a CPPCC body (a 政协)', (o) => o.attrs.cppcc),
    ...spanColumns<OrgRow>(null),
    ...codePointColumns<OrgRow>(),
  ],
};

const mechIdOf = (doc: Document, k: number) => `${doc.id}:${k}`;
type MechRow = Extracted<Mechanism> & { k: number };
export const mechanismsTable: TableSpec<MechRow> = {
  name: 'mechanisms',
  about: 'named mechanisms, one row per mechanism per document (its first mention), with components and org',
  rows: (doc) => extracted<Mechanism>(doc, 'mechanisms').map((m, k) => ({ ...m, k })),
  columns: [
    docId(),
    v('mech_id', 'the mechanism in this document (doc_id:N)', (m, c) => mechIdOf(c.doc, m.k)),
    v('name', 'its name, quotes removed', (m) => m.name),
    v('surface', 'as first written', (m) => m.surface),
    v('kind', 'numbered, compound (A+B) or named', (m) => m.kind),
    v('category', 'its category word (工作法, 活动, 机制…)', (m) => m.category),
    v('org', 'who runs it: the subject of its clause', (m) => m.org),
    vl('components', 'its parts, where the text spells them out', (m) => m.components),
    vl('variants', 'other names it goes by in this document', (m) => m.variants),
    v('english', 'English name from the lexicon', (m) => m.english),
    i('expected_count', 'the count its numeral implies (四个一 → 4)', (m) => m.expected),
    b('count_mismatch', 'components found do not match the numeral', (m) => m.countMismatch),
    v('generator', 'which rule found it (quoted-numbered, chain, counted, compound, system…)', (m) => m.source),
    ...spanColumns<MechRow>((m) => m.evidence),
    stage<MechRow>('extract.mechanisms@1'),
    runIdCol<MechRow>(),
    b('national', 'a national programme or slogan used as such (四个全面, 一国两制)', (m) => m.national),
    b('is_label', 'a name the text itself marks (quoted, counted, defined): kept as one token wherever the run meets it', (m) => isRunLabel(m)),
    ...codePointColumns<MechRow>(),
  ],
};

type ComponentRow = { k: number; idx: number; component: string };
export const mechanismComponentsTable: TableSpec<ComponentRow> = {
  name: 'mechanism_components',
  about: 'the components of each mechanism, one row each, in order',
  rows: (doc) => extracted<Mechanism>(doc, 'mechanisms').flatMap((m, k) => m.components.map((component, idx) => ({ k, idx, component }))),
  columns: [
    docId(),
    v('mech_id', 'the mechanism (mechanisms.mech_id)', (r, c) => mechIdOf(c.doc, r.k)),
    i('idx', 'its place in the list', (r) => r.idx),
    v('component', 'the component', (r) => r.component),
  ],
};

type MentionRow = Span & { mechId: string | null };
export const mechanismMentionsTable: TableSpec<MentionRow> = {
  name: 'mechanism_mentions',
  about: 'every occurrence of a mechanism\'s name in its document',
  rows: (doc) => {
    const ids = new Map<string, string>();
    extracted<Mechanism>(doc, 'mechanisms').forEach((m, k) => { for (const n of [m.name, ...m.variants]) ids.set(n, mechIdOf(doc, k)); });
    return (doc.spans.mechanisms ?? []).map((s) => ({ ...s, mechId: ids.get(String(s.attrs?.name ?? '')) ?? null }));
  },
  columns: [
    docId(),
    v('mech_id', 'the mechanism (mechanisms.mech_id)', (r) => r.mechId),
    v('name', 'the name mentioned', (r) => String(r.attrs?.name ?? '')),
    ...spanColumns<MentionRow>((r) => (r.attrs?.evidence as string | null) ?? null),
    ...codePointColumns<MentionRow>(),
  ],
};

export const metricsTable: TableSpec<Extracted<Metric>> = {
  name: 'metrics',
  about: 'numbers with units: value, qualifier, what is counted, whose, when',
  rows: (doc) => extracted<Metric>(doc, 'metrics'),
  columns: [
    docId(),
    { name: 'value', type: 'DOUBLE', about: 'the number with its magnitude applied (3.08亿 → 308000000)', get: (m) => m.value },
    v('unit', 'the unit (元, 件, %, 人次…)', (m) => m.unit),
    v('qualifier', 'exact, approx, more_than, at_least or at_most', (m) => m.qualifier),
    v('indicator', 'what is counted (a short noun phrase)', (m) => m.indicator),
    v('org', 'whose number it is: the clause\'s subject', (m) => m.org),
    v('period', 'the time phrase that scopes it (2023年以来, 全年…)', (m) => m.period),
    v('surface', 'the number and unit as written', (m) => m.surface),
    ...spanColumns<Extracted<Metric>>((m) => m.evidence),
    stage<Extracted<Metric>>('extract.metrics@1'),
    runIdCol<Extracted<Metric>>(),
    ...codePointColumns<Extracted<Metric>>(),
  ],
};

export const peopleTable: TableSpec<Extracted<Person>> = {
  name: 'people',
  about: 'people named, with their titles and org',
  rows: (doc) => extracted<Person>(doc, 'people'),
  columns: [
    docId(),
    v('name', 'the name', (p) => p.name),
    vl('titles', 'their titles as written (市政协党组书记, 市政协主席)', (p) => p.titles),
    v('org', 'their org, from the prefix of their title', (p) => p.org),
    v('role', 'mentioned, author or editor', (p) => p.role),
    ...spanColumns<Extracted<Person>>((p) => p.evidence),
    stage<Extracted<Person>>('extract.people@1'),
    runIdCol<Extracted<Person>>(),
    ...codePointColumns<Extracted<Person>>(),
  ],
};

export const orgSystemsTable: TableSpec<Extracted<OrgSystem>> = {
  name: 'org_systems',
  about: 'a body and the units the text lists as making it up',
  rows: (doc) => extracted<OrgSystem>(doc, 'org_systems'),
  columns: [
    docId(),
    v('owner', 'the body', (s) => s.owner),
    vl('units', 'its units', (s) => s.units),
    ...spanColumns<Extracted<OrgSystem>>((s) => s.evidence),
    stage<Extracted<OrgSystem>>('extract.orgStructures@1'),
    runIdCol<Extracted<OrgSystem>>(),
    ...codePointColumns<Extracted<OrgSystem>>(),
  ],
};

export const orgUnitsTable: TableSpec<Extracted<OrgUnit>> = {
  name: 'org_units',
  about: 'organisational units with their counts (14个委员工作室)',
  rows: (doc) => extracted<OrgUnit>(doc, 'org_units'),
  columns: [
    docId(),
    v('name', 'the unit', (u) => u.name),
    i('count', 'how many, when the text says', (u) => u.count),
    v('org', 'whose units', (u) => u.org),
    ...spanColumns<Extracted<OrgUnit>>((u) => u.evidence),
    stage<Extracted<OrgUnit>>('extract.orgStructures@1'),
    runIdCol<Extracted<OrgUnit>>(),
    ...codePointColumns<Extracted<OrgUnit>>(),
  ],
};

/** Every table with rows per document, in write order (tokens are written apart: see write.ts). */
export const DOCUMENT_SPECS: TableSpec<any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  documentsTable, flagsTable, orgsTable, mechanismsTable, mechanismComponentsTable, mechanismMentionsTable, metricsTable, peopleTable, orgSystemsTable, orgUnitsTable,
];
