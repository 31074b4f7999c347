/** Generator: unquoted A+B(+C) frameworks (按照党组+委员+基地模式, 推行精准建言+闭环落实机制). */
import { fold } from '../../util/text.js';
import { c, type Candidate, insideQuote } from './grammar.js';

/** Parts of a framework are short: longer runs are clauses that happen to contain a plus sign. */
const MAX_PART = 8;

export function compoundCandidates(text: string): Candidate[] {
  const { d, compound, category } = c();
  const out: Candidate[] = [];
  for (const m of text.matchAll(compound)) {
    if (insideQuote(text, m.index!)) continue;
    let start = m.index!;
    let name = m[0];
    // The first part begins after the last clause word before it (按照 / 的 / 构建…).
    const first = name.slice(0, name.indexOf('+'));
    let cut = -1;
    let cutWord = '';
    for (const w of d.compoundLeftCut) {
      const i = first.lastIndexOf(w);
      if (i >= 0 && i + w.length > cut && i + w.length < first.length) { cut = i + w.length; cutWord = w; }
    }
    // A verb (按照, 构建…) introduces a framework; a function word (的, 和) only bounds it.
    const introduced = cutWord.length > 1;
    if (cut > 0) { start += cut; name = name.slice(cut); }
    // The last part may run on into the category word and beyond (…基地模式打造… → 基地 + 模式).
    const plus = name.lastIndexOf('+');
    const lastPart = name.slice(plus + 1);
    let cat: string | null = null;
    for (let k = 1; k < lastPart.length; k++) {
      const hit = category.exec(lastPart.slice(k));
      if (hit) { cat = hit[1]; name = name.slice(0, plus + 1 + k); break; }
    }
    const finalParts = fold(name).split('+');
    if (finalParts.some((p) => !p || p.length > MAX_PART)) continue;
    const digits = finalParts.every((p) => /^\d+$/u.test(p.replace(/\p{Script=Han}+$/u, '')));
    if (!cat && !introduced && !digits) continue;
    const end = start + name.length + (cat?.length ?? 0);
    out.push({ start, end, name, surface: text.slice(start, end), category: cat, source: 'compound', components: [] });
  }
  return out;
}
