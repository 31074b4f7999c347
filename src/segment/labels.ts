/**
 * Run labels, one owner: a name the text marks as one (a quoted, counted or defined mechanism name; the rule
 * is model/results.ts isRunLabel) is kept as one token wherever the corpus mentions it, in the document
 * that defined it and in every other. The runner (run/labels.ts) processes every document once without the
 * corpus's labels, gathers them with `labelsOf`, and processes again, with `ctx.runLabels`, exactly the
 * documents whose tokens `needsLabels` says would change, until none would; so every stored row and every
 * printed one comes from one state of the tokens, whatever the order, the workers or the shards.
 */
import type { Document } from '../model/document.js';
import { isRunLabel, type Mechanism } from '../model/results.js';
import type { Stage } from '../model/stage.js';
import type { Tokens } from '../model/tokens.js';
import { mergeWhole, nonOverlapping } from './segment.js';

/**
 * Labels indexed by their first two characters (as one number), so finding every mention of thousands of
 * discovered labels is one pass over the text instead of one search per label.
 */
export class LabelIndex {
  private readonly byPair = new Map<number, string[]>();
  private readonly known = new Set<string>();

  addAll(names: Iterable<string>): void {
    for (const n of names) {
      if (n.length < 2 || this.known.has(n)) continue;
      this.known.add(n);
      const key = n.charCodeAt(0) * 65536 + n.charCodeAt(1);
      const list = this.byPair.get(key);
      if (list) list.push(n);
      else this.byPair.set(key, [n]);
    }
  }

  /** Every occurrence of every label, as [start, end). */
  find(text: string): [number, number][] {
    const out: [number, number][] = [];
    if (!this.known.size) return out;
    for (let i = 0; i + 1 < text.length; i++) {
      const list = this.byPair.get(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
      if (list) for (const n of list) if (text.startsWith(n, i)) out.push([i, i + n.length]);
    }
    return out;
  }
}


const indexes = new WeakMap<ReadonlySet<string>, LabelIndex>();

/** The index of a set of labels, built once per set. */
export function labelIndex(labels: ReadonlySet<string>): LabelIndex {
  let index = indexes.get(labels);
  if (!index) {
    index = new LabelIndex();
    index.addAll(labels);
    indexes.set(labels, index);
  }
  return index;
}

/** The run labels a processed document defines. */
export function labelsOf(doc: Document): string[] {
  return ((doc.extracted.mechanisms ?? []) as Mechanism[]).filter(isRunLabel).map((m) => m.name);
}

/** Tokens with every mention of the indexed labels as one token (longest first where mentions overlap). */
export function keepLabelsWhole(text: string, tokens: Tokens, labels: LabelIndex, by: string): Tokens {
  const spans = labels.find(text);
  return spans.length ? mergeWhole(text, tokens, nonOverlapping(spans), by) : tokens;
}

/** Whether these labels would change the document's tokens: only then must it be processed again with them. */
export function needsLabels(text: string, tokens: Tokens, labels: ReadonlySet<string>): boolean {
  return !tokens.sameAs(keepLabelsWhole(text, tokens, labelIndex(labels), REFINE_ID));
}

const REFINE_ID = 'segment.refine@1';

/**
 * After mechanism extraction: every mention of a name found in this document, and of the corpus's run
 * labels when the runner gives them (`ctx.runLabels`, on its second pass), becomes one token. Tokens outside
 * the mentions keep their tags; nothing is re-segmented.
 */
export const refineStage: Stage = {
  id: REFINE_ID,
  requires: ['tokens', 'mechanisms'],
  provides: ['tokens'],
  run(doc: Document, ctx): Document {
    const own = new LabelIndex();
    own.addAll((doc.spans.mechanisms ?? []).map((m) => String(m.attrs?.name ?? '')));
    const spans = own.find(doc.text);
    if (ctx.runLabels) spans.push(...labelIndex(ctx.runLabels).find(doc.text));
    if (!spans.length) return doc;
    doc.tokens = mergeWhole(doc.text, doc.tokens, nonOverlapping(spans), this.id);
    return doc;
  },
};
