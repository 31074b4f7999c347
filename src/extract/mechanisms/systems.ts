/** Generator: named systems introduced by a verb (建立…制度, 健全…机制). */
import { c, type Candidate } from './grammar.js';

/** Split a coordination of systems; items without a head of their own share the next one (A、B制度 is one name). */
function sharedHeads(list: string): string[] {
  const out: string[] = [];
  let pending = '';
  const { systemHeadEnd } = c();
  for (const part of list.split(/(?<=[和、])/u)) {
    pending += part;
    const item = pending.replace(/[和、]$/u, '');
    if (systemHeadEnd.test(item)) { out.push(item); pending = ''; }
  }
  return out;
}

/** A modifier made only of an owner and generic activity words (专委会 + 工作, 协商民主): a kind of rule, not a name. */
function isGeneric(modifier: string): boolean {
  const words = [...c().d.genericSystemWords].sort((a, b) => b.length - a.length);
  let rest = modifier;
  for (let w = words.find((x) => rest.startsWith(x)); w; w = words.find((x) => rest.startsWith(x))) rest = rest.slice(w.length);
  return rest.length === 0;
}

/** Named systems introduced by a verb: 建立党员常委履职建言点评制度和委员示范基地助力发展点评制度. */
export function systemCandidates(text: string): Candidate[] {
  const { systemNamed, systemHeadEnd, d } = c();
  const followBlock = new RegExp(d.systemFollowBlock, 'u');
  const out: Candidate[] = [];
  for (const m of text.matchAll(systemNamed)) {
    let offset = m.index! + m[0].length - m[1].length;
    for (const name of sharedHeads(m[1])) {
      const start = text.indexOf(name, offset);
      offset = start + name.length;
      if (/^(各项|有关|相关|新的|已有|一系列|工作|各类)/u.test(name) || followBlock.test(text.slice(offset))) continue;
      // 健全工作制度、完善考核机制: a coordinated item that starts with a verb is a clause of its own, not a name.
      if (d.systemVerbs.some((v) => name.startsWith(v))) continue;
      const head = systemHeadEnd.exec(name)?.[1] ?? null;
      if (head && isGeneric(name.slice(0, -head.length))) continue;
      out.push({ start, end: start + name.length, name, surface: name, category: head, source: 'system', components: [] });
    }
  }
  return out;
}
