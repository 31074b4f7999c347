import type { Document } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import { type NameAt, isName, nameAfter } from './names.js';
import { matchAt, peopleVocab } from './vocab.js';

/**
 * Names listed after a name that ends at `end`, joined by 、 and 及/和/与 (副主席A、B及C): each shares
 * the first name's titles. A comma continues the list only when `commaOk` (under a group label such as
 * 市领导) or after the list has already used 、, since a comma more often starts a new clause.
 */
export function namesListedAfter(doc: Document, end: number, commaOk: boolean, taken: (start: number) => boolean): NameAt[] {
  const v = peopleVocab();
  const text = doc.text;
  const out: NameAt[] = [];
  let joinedByDun = false;
  for (let q = end; ;) {
    const sep = matchAt(v.separators, text, q);
    if (!sep) break;
    if (v.n.commaSeparators.includes(sep) && !(commaOk || joinedByDun)) break;
    const next = nameAfter(doc, q + sep.length, 'list');
    if (!next || taken(next.start)) break;
    out.push(next);
    if (sep === '、') joinedByDun = true;
    q = next.end;
  }
  return out;
}

/** What ends a clause for a list of names: a full stop, semicolon, colon or line break (not a comma). */
const CLAUSE_END = /[。；;：:！？!?\n]/u;

/** A clause starts at q: the text start, its sentence's start, or after a clause end. */
function clauseStartsAt(text: string, q: number, sentence: Span | null): boolean {
  return q === 0 || q === sentence?.start || CLAUSE_END.test(text[q - 1]);
}

/**
 * Names that open a clause and run, separated by 、 or commas, into a titled name at `chainStart`
 * (A，B、C，老领导D…): each item between separators must be a name by shape, and the run must reach the
 * clause start, so a clause that is not a list of names (会见了A，…) gives none.
 */
export function namesListedBefore(doc: Document, chainStart: number, sentence: Span | null, taken: (start: number) => boolean): NameAt[] {
  const v = peopleVocab();
  const text = doc.text;
  const out: NameAt[] = [];
  for (let pos = chainStart; ;) {
    const sep = text[pos - 1];
    if (pos <= 0 || !(sep === '、' || v.n.commaSeparators.includes(sep))) return [];
    const end = pos - 1;
    let start = end;
    while (start > 0 && end - start < v.nameMaxChars && !v.punct.test(text[start - 1])) start--;
    if (start > 0 && !v.punct.test(text[start - 1])) return [];
    const name = text.slice(start, end);
    if (!isName(name) || taken(start) || nameAfter(doc, start, 'list')?.end !== end) return [];
    out.unshift({ name, start, end });
    if (clauseStartsAt(text, start, sentence)) return out;
    pos = start;
  }
}
