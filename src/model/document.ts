import { OffsetMap } from './offsetMap.js';
import type { QualityFlag } from './flag.js';
import type { Span } from './span.js';
import { Tokens } from './tokens.js';

export type DocType = 'news' | 'speech' | 'commentary';
export type Script = 'simplified' | 'traditional' | 'mixed';

export interface Meta {
  title: string | null;
  subtitle: string | null;
  /** ISO YYYY-MM-DD. */
  date: string | null;
  source: string | null;
  authors: string[];
  editors: string[];
  /** Each byline name with the role written before it (本报记者, 通讯员, 实习生, 责任编辑, 录入…). */
  bylines: { name: string; role: string }[];
  doc_type: DocType;
  script: Script;
  /** opencc-js locale the text was converted from (tw, hk, t) or null when already Simplified. */
  variant: string | null;
  url: string | null;
}

/**
 * What a raw item holds, which decides how its main text is found: a whole HTML page goes through the
 * main-text cascade; an HTML fragment from a container field is the article itself, every block in order;
 * Markdown is rendered to its text; plain text goes to the line cleaner.
 */
export type ContentKind = 'page' | 'fragment' | 'markdown' | 'text';

/** Where a document came from: a file (and an item inside it, for feeds and JSON arrays) or a URL. */
export interface SourceInfo {
  path: string;
  /** Base name used as the document's file key in JSONL output. */
  file: string;
  /** Item index inside a multi-document container (feed, JSON array, JSONL), else null. */
  item: number | null;
  format: 'txt' | 'html' | 'feed' | 'json' | 'jsonl' | 'csv' | 'md';
  content: ContentKind;
  /** The publisher a container names for all its items (a feed's channel): the source when neither the item nor its text names one. */
  publisher?: string;
  encoding: string;
  /** sha256 of the document's raw content (the item for containers). */
  sha256: string;
  bytes: number;
}

export interface StageRecord {
  stage: string;
  ms: number;
  note?: string;
}

export interface Document {
  /** Content hash of the raw item: stable across runs, so re-runs do not duplicate rows. */
  readonly id: string;
  source: SourceInfo;
  /** Raw item as read (HTML, text), before main-text extraction. */
  raw: string;
  /** Main text as published, after page furniture is removed; never modified afterwards. */
  original: string;
  /** Normalized Simplified text; every later span points into it. */
  text: string;
  textToOriginal: OffsetMap;
  meta: Meta;
  /** Coarse tokens of `text`, as columns (model/tokens.ts). */
  tokens: Tokens;
  /** Spans grouped by key (mechanisms, metrics, people, orgs, sentences...). */
  spans: Record<string, Span[]>;
  flags: QualityFlag[];
  trace: StageRecord[];
  /** Structured extraction results (see extract/types.ts), keyed by category. */
  extracted: Record<string, unknown[]>;
  /** Set when a fatal flag stopped processing; the document is still stored with this reason. */
  failed: string | null;
}

export function emptyMeta(): Meta {
  return {
    title: null, subtitle: null, date: null, source: null, authors: [], editors: [], bylines: [],
    doc_type: 'news', script: 'simplified', variant: null, url: null,
  };
}

/** A document with only its raw content set; ingest fills source, later stages the rest. */
export function makeDocument(id: string, source: SourceInfo, raw: string, meta: Partial<Meta> = {}): Document {
  return {
    id, source, raw, original: '', text: '', textToOriginal: OffsetMap.identity(0),
    meta: { ...emptyMeta(), ...meta }, tokens: Tokens.empty, spans: {}, flags: [], trace: [], extracted: {}, failed: null,
  };
}

/** Hand-built document for tests and the normalize CLI: text equals original. */
export function docFromText(text: string, file = 'inline.txt'): Document {
  const doc = makeDocument('inline', {
    path: file, file, item: null, format: 'txt', content: 'text', encoding: 'utf-8', sha256: '', bytes: text.length,
  }, text);
  doc.original = text;
  doc.text = text;
  doc.textToOriginal = OffsetMap.identity(text.length);
  return doc;
}
