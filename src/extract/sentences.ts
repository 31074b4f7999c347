import type { Document } from '../model/document.js';
import type { Span } from '../model/span.js';
import type { Stage } from '../model/stage.js';

const SENTENCE = /[^。！？!?\n]*(?:[。！？!?]+[”"’」』]?|\n|$)/gu;

/** Sentence spans (attrs.paragraph = paragraph index), trimmed of surrounding whitespace. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let paragraph = 0;
  for (const m of text.matchAll(SENTENCE)) {
    if (!m[0]) continue;
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ start: m.index! + lead, end: m.index! + lead + body.length, layer: 'text', label: 'sentence', by: 'extract.sentences@1', attrs: { paragraph } });
    if (raw.endsWith('\n')) paragraph++;
  }
  return out;
}

export const sentencesStage: Stage = {
  id: 'extract.sentences@1',
  requires: ['text'],
  provides: ['sentences'],
  run(doc: Document): Document {
    doc.spans.sentences = splitSentences(doc.text);
    return doc;
  },
};

/** The sentence span containing an offset (binary search over sorted spans). */
export function sentenceAt(sentences: Span[], offset: number): Span | null {
  const i = sentenceIndexAt(sentences, offset);
  return i >= 0 ? sentences[i] : null;
}

/** Index of the sentence span containing an offset, or -1. */
export function sentenceIndexAt(sentences: Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
