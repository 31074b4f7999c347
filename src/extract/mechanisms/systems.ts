/** Generator: named systems introduced by a verb (建立…制度, 健全…机制). */
import { c, type Candidate } from './grammar.js';

/** Named systems introduced by a verb: 建立党员常委履职建言点评制度和委员示范基地助力发展点评制度. */
export function systemCandidates(text: string): Candidate[] {
  const { systemNamed } = c();
  const out: Candidate[] = [];
  for (const m of text.matchAll(systemNamed)) {
    let offset = m.index! + m[0].length - m[1].length;
    for (const name of m[1].split(/[和、]/u)) {
      const start = text.indexOf(name, offset);
      offset = start + name.length;
      if (/^(各项|有关|相关|新的|已有|一系列|工作|各类)/u.test(name) || new RegExp(c().d.systemFollowBlock, 'u').test(text.slice(offset))) continue;
      const head = /(制度|机制)$/u.exec(name)?.[1] ?? null;
      out.push({ start, end: start + name.length, name, surface: name, category: head, source: 'system', components: [] });
    }
  }
  return out;
}
