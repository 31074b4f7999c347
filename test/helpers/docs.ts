import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Document } from '../../src/model/document.js';
import { documentFromItem } from '../../src/run/process.js';
import { loadPipeline, runDocument } from '../../src/pipeline/run.js';
import { readInputFile } from '../../src/ingest/read.js';
import { packageRoot } from '../../src/util/paths.js';

export const ROOT = packageRoot();
export const SEEDS = join(ROOT, 'corpus', 'seeds');
export const GOLD = join(ROOT, 'test', 'eval', 'seeds');

/** Run the default pipeline over one file (all its items); one pipeline is one run (discovered labels carry over). */
export function processFile(path: string, pipeline = loadPipeline()): Document[] {
  return readInputFile(path, 20_000_000).map((item) => runDocument(documentFromItem(item), pipeline));
}

let seedDocs: Document[] | null = null;
/** The five seed documents through the whole pipeline (cached per test file). */
export function seeds(): Document[] {
  const run = loadPipeline();
  seedDocs ??= readdirSync(SEEDS).sort().flatMap((f) => processFile(join(SEEDS, f), run));
  return seedDocs;
}

export function gold(file: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(join(GOLD, file.replace(/\.txt$/u, '.json')), 'utf8'));
}

/** Process a hand-written text as if it were a saved .txt page. */
export function processText(text: string): Document {
  const pipeline = loadPipeline();
  const doc = documentFromItem({ source: { path: 'inline.txt', file: 'inline.txt', item: null, format: 'txt', content: 'text', encoding: 'utf-8', sha256: 'inline', bytes: text.length }, raw: text, meta: {}, error: null });
  return runDocument(doc, pipeline);
}

/**
 * Every span any stage emitted is valid against the text it points into: in bounds, ordered, and
 * `text.slice(start, end)` equals the surface the extractor reported.
 */
export function expectSpansValid(doc: Document): void {
  const layers = { text: doc.text, original: doc.original };
  const all = [...doc.tokens.spans(), ...Object.values(doc.spans).flat(), ...doc.flags.flatMap((f) => (f.span ? [f.span] : []))];
  for (const s of all) {
    const len = layers[s.layer].length;
    expect(s.start, `${s.label} start`).toBeGreaterThanOrEqual(0);
    expect(s.end, `${s.label} end`).toBeLessThanOrEqual(len);
    expect(s.start, `${s.label} order`).toBeLessThanOrEqual(s.end);
  }
  for (const t of doc.tokens.spans()) expect(doc.text.slice(t.start, t.end).length).toBe(t.end - t.start);
  for (const o of doc.spans.orgs ?? []) expect(doc.text.slice(o.start, o.end)).toBe((o.attrs as { surface: string }).surface);
  const surfaced = [...(doc.extracted.mechanisms ?? []), ...(doc.extracted.metrics ?? [])] as { start: number; end: number; surface: string }[];
  for (const x of surfaced) expect(doc.text.slice(x.start, x.end)).toBe(x.surface);
  for (const p of (doc.extracted.people ?? []) as { start: number; end: number; name: string }[]) {
    if (p.end > p.start) expect(doc.text.slice(p.start, p.end)).toBe(p.name);
  }
}
