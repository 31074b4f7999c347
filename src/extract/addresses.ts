import type { Document } from '../model/document.js';
import type { Span } from '../model/span.js';
import type { Stage } from '../model/stage.js';
import { compileAll, loadJson } from '../util/data.js';

let patterns: RegExp[] | null = null;
const compiled = () => (patterns ??= compileAll(loadJson<{ patterns: string[] }>('extract', 'addresses.json').patterns, 'giu'));

/** Spans of the text that are addresses or markup (URLs, e-mail addresses, file names, CSS), sorted and merged. */
export function addressSpans(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const re of compiled()) for (const m of text.matchAll(re)) if (m[0]) found.push({ start: m.index, end: m.index + m[0].length });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { start: number; end: number }[] = [];
  for (const s of found) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Whether [start, end) overlaps any of the sorted, disjoint spans (binary search). */
function overlaps(spans: { start: number; end: number }[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (s.end <= start) lo = mid + 1;
    else if (s.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Markup and addresses are never text: whatever an extractor found inside a URL (a "7%" from %E7%8E%8B), an
 * e-mail address or a file name is dropped, with its span. Runs after every extractor, so each of them stays
 * a pure reading of the text and this rule has one owner.
 */
export const dropAddressesStage: Stage = {
  id: 'extract.dropAddresses@1',
  requires: ['text'],
  provides: ['addresses'],
  run(doc: Document): Document {
    const spans = addressSpans(doc.text);
    doc.spans.addresses = spans.map((s): Span => ({ ...s, layer: 'text', label: 'address', by: this.id }));
    if (!spans.length) return doc;
    const keep = (x: { start: number; end: number }) => x.end <= x.start || !overlaps(spans, x.start, x.end);
    for (const k of Object.keys(doc.extracted)) doc.extracted[k] = (doc.extracted[k] as { start: number; end: number }[]).filter(keep);
    for (const k of ['orgs', 'mechanisms', 'metrics', 'people']) if (doc.spans[k]) doc.spans[k] = doc.spans[k].filter(keep);
    return doc;
  },
};
