/**
 * Clauses and list items of a sentence: the units a subject, a time phrase and a count belong to.
 * A clause ends at ，；：。！？ or a line break; an item also ends at 、. A bracket ends a clause when it
 * opens an aside (（记者 钱伟）) but not when it glosses a word (委员工作室(站), 行政村(社区)).
 */

const CLAUSE_PUNCT = /[，,。；;：:！？!?\n]/u;
const ITEM_PUNCT = /[、]/u;
const OPEN = '（(';
const CLOSE = '）)';
/** A gloss inside a word is a few characters (站, 社区, 企业, 工种); four covers every one seen, longer brackets are asides. */
const GLOSS_MAX_CHARS = 4;

/** The bracket at i belongs to a short gloss inside a word: (站) with Han or Latin letters only inside. */
function isGlossBracket(text: string, i: number): boolean {
  const ch = text[i];
  const inside = /^[\p{Script=Han}A-Za-z]+$/u;
  if (OPEN.includes(ch)) {
    for (let k = i + 1; k <= i + GLOSS_MAX_CHARS + 1 && k < text.length; k++) {
      if (CLOSE.includes(text[k])) return k > i + 1 && inside.test(text.slice(i + 1, k));
    }
    return false;
  }
  for (let k = i - 1; k >= i - GLOSS_MAX_CHARS - 1 && k >= 0; k--) {
    if (OPEN.includes(text[k])) return k < i - 1 && inside.test(text.slice(k + 1, i));
  }
  return false;
}

function isBracket(ch: string): boolean {
  return OPEN.includes(ch) || CLOSE.includes(ch);
}

/** True when the character at i ends a clause (items: also 、). */
export function isBoundary(text: string, i: number, items = false): boolean {
  const ch = text[i];
  if (CLAUSE_PUNCT.test(ch) || (items && ITEM_PUNCT.test(ch))) return true;
  return isBracket(ch) && !isGlossBracket(text, i);
}

/** Start of the clause (or item) holding offset `at`, not before `floor`. */
export function clauseStart(text: string, at: number, floor: number, items = false): number {
  for (let i = at - 1; i >= floor; i--) if (isBoundary(text, i, items)) return i + 1;
  return floor;
}

/** End of the clause (or item) holding offset `at` (the boundary's offset), not after `ceil`. */
export function clauseEnd(text: string, at: number, ceil: number, items = false): number {
  for (let i = at; i < ceil; i++) if (isBoundary(text, i, items)) return i;
  return ceil;
}

/** The clauses of [start, end) as [start, end) pairs, boundaries excluded, empty clauses dropped. */
export function clausesIn(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || isBoundary(text, i)) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  return out;
}
