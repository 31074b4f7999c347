/** Components of a label: the parts the text spells out around it. */
import { escapeRegExp, fold, stripAffixes } from '../../util/text.js';
import { c } from './grammar.js';

/** Strip enumeration glue from a component: leading verbs (通过实施), trailing 这/的/等. */
export function cleanComponent(s: string): string {
  const { d } = c();
  const out = s.replace(/[“”"「」]/gu, '').trim().replace(/^[\d一二三四五六七八九十]是/u, '');
  return stripAffixes(out, d.componentStrip, d.componentTrailStrip);
}

/** Split an enumeration on 、 (not inside quotes). */
export function splitEnumeration(s: string, sep = /[、]/u): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '“' || ch === '「') depth++;
    if (ch === '”' || ch === '」') depth = Math.max(0, depth - 1);
    if (depth === 0 && sep.test(ch)) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Where the clause holding offset `at` starts: after the last comma, semicolon, colon, full stop or line break before it. */
export function clauseStart(text: string, at: number): number {
  let from = 0;
  for (const p of '，,。；;：:\n！？') from = Math.max(from, text.lastIndexOf(p, at - 1) + 1);
  return from;
}

/** Cut the first item of a list after the last verb that opens its clause (牢牢把握调研 → 调研). */
function afterLeadVerb(item: string): string {
  const { d } = c();
  let cut = 0;
  for (const v of d.leadVerbs) {
    const i = item.lastIndexOf(v);
    if (i >= 0 && i + v.length > cut && item.length - i - v.length >= 2) cut = i + v.length;
  }
  return item.slice(cut);
}

/**
 * Clean a list's items of enumeration glue and drop too-short ones. A list that starts its clause
 * (before a label) has the clause's verb on its first item, which is cut (牢牢把握调研 → 调研).
 */
function cleanItems(parts: string[], startsClause = false): string[] {
  return parts.map((p, i) => cleanComponent(startsClause && i === 0 ? afterLeadVerb(p) : p)).filter((x) => x.length >= 2);
}

/**
 * A label's numeral counts reduplicated parts (四双: 双学双比、双帮双促 are four 双X): split such items
 * into their numeral-led parts when that gives exactly the count.
 */
function splitChains(items: string[], expected: number | null): string[] {
  const { d } = c();
  if (!expected || items.length >= expected) return items;
  const part = new RegExp(`[${d.numeralChars}][^${d.numeralChars}]{1,3}`, 'gu');
  const split = items.flatMap((x) => {
    const parts = x.match(part) ?? [];
    return parts.join('') === x && parts.length > 1 ? parts : [x];
  });
  return split.length === expected ? split : items;
}

/**
 * The list ending right before `at` that the label sums up (…A、B、C实行的 LABEL; 在A和B上“双轮驱动”;
 * A和B两大主题), cleaned; [] when none. An attributive before the list (统一高效、运转有序的A、B和C)
 * is cut at its last 的; the last item is split on 和 when the label's numeral asks for one more item.
 */
export function enumerationBefore(text: string, at: number, expected: number | null = null): string[] {
  let region = text.slice(clauseStart(text, at), at);
  const de = region.lastIndexOf('的');
  if (de >= 0 && splitEnumeration(region.slice(de + 1)).length >= 2) region = region.slice(de + 1);
  const parts = splitEnumeration(region);
  if (expected && parts.length + 1 === expected) {
    const pair = parts[parts.length - 1].split(/和|与|及/u);
    if (pair.length === 2 && pair.every((x) => x.length >= 2)) parts.splice(parts.length - 1, 1, ...pair);
  }
  return parts.length >= 2 ? cleanItems(parts, true) : [];
}

/**
 * Components spelled out after a label: “1”是A，“2”是B; LABEL：A；B；C; LABEL（A、B，C）; LABEL，即…实行A、B、C.
 * A definition whose list ends in 等 (包括A、B等方面的问题) gives examples of something else, not parts.
 */
export function componentsAfter(text: string, label: string, end: number, expected: number | null): string[] {
  const { definition } = c();
  const rest = text.slice(end, end + 600);
  const sentenceEnd = rest.search(/[。！？\n]/u);
  const sentence = sentenceEnd >= 0 ? rest.slice(0, sentenceEnd) : rest;
  // “1”是…，“2”是…: the digits of a digit label, introduced right after it.
  const digitParts = [...sentence.matchAll(/[“"]([\d一二三四五六七八九十])[”"]是([^，,；;。]+)/gu)].map((m) => cleanComponent(m[2]));
  if (digitParts.length >= 2 && (/^\d+$/u.test(fold(label)) || definition.test(sentence))) return digitParts;
  if (!definition.test(sentence)) return [];
  let parts: string[];
  if (/^[（(]/u.test(sentence)) {
    // A parenthesised definition ends at its closing parenthesis; commas there separate items too.
    parts = splitEnumeration(sentence.slice(1).split(/[）)]/u)[0], /[、，,；;]/u);
  } else {
    const body = sentence.replace(definition, '');
    const clauses = body.split(/[，,]/u);
    const listed = clauses.find((x) => x.includes('、'));
    if (/[；;]/u.test(body)) parts = splitEnumeration(body, /[；;]/u).map((p) => p.split(/[，,]/u)[0]);
    else if (listed) parts = /等/u.test(listed) ? [] : splitEnumeration(listed);
    else parts = clauses.length === expected ? clauses : [];
  }
  const items = splitChains(cleanItems(parts), expected);
  return items.length >= 2 ? items : [];
}

/**
 * A label of parts that each count one (一走访一报告): each part's word, found in a clause of the
 * sentence after the label, names that clause as the component (…每月走访界别群众, …年终书面报告履职情况).
 */
export function componentsByMorpheme(text: string, label: string, end: number): string[] {
  const { d } = c();
  const parts = [...label.matchAll(new RegExp(`一([^${d.numeralChars}]{2,3})`, 'gu'))];
  if (parts.length < 2 || parts.map((p) => p[0]).join('') !== label) return [];
  const rest = text.slice(end, end + 300);
  const stop = rest.search(/[。！？\n]/u);
  const clauses = (stop >= 0 ? rest.slice(0, stop) : rest).split(/[，,；;]/u).map((x) => x.trim());
  const found = parts.map((p) => clauses.find((x) => x.includes(p[1])));
  if (found.some((x) => !x) || new Set(found).size !== found.length) return [];
  return found.map((x) => cleanComponent(x!));
}

/**
 * 一是…二是… lists spell out the nearest label before them that announces at least as many items
 * (四双 with three items of a truncated four); each item gives its quoted name, else its first clause.
 */
export function ordinalLists(text: string, labels: { start: number; end: number; expected: number | null }[]): Map<number, string[]> {
  const { d, ordinal } = c();
  const out = new Map<number, string[]>();
  const marks = [...text.matchAll(ordinal)];
  for (let i = 0; i < marks.length; i++) {
    if (marks[i][1] !== '一') continue;
    const run = [marks[i]];
    for (let k = i + 1; k < marks.length && marks[k][1] === '一二三四五六七八九十'[run.length]; k++) run.push(marks[k]);
    if (run.length < 2) continue;
    const at = run[0].index!;
    const owner = labels.filter((l) => l.end <= at && at - l.end <= d.ordinalWindow && (l.expected ?? 0) >= run.length).pop();
    if (!owner || out.has(owner.start)) continue;
    const items = run.map((m, k) => {
      const from = m.index! + m[0].length;
      const to = k + 1 < run.length ? run[k + 1].index! : Math.min(text.length, from + 200);
      const seg = text.slice(from, to);
      const q = /[“"「]([^”"」]{2,14})[”"」]/u.exec(seg.split(/[。]/u)[0]);
      return cleanComponent(q ? q[1] : seg.split(/[，,。；]/u)[0]);
    }).filter((x) => x.length >= 2);
    out.set(owner.start, items);
  }
  return out;
}

/**
 * For a counted label (两个全覆盖 = 两 + 个 + 全覆盖), an enumeration elsewhere of exactly N items that
 * each end with the head (党的组织对党员委员全覆盖、党的工作对全体委员全覆盖) spells it out.
 */
export function componentsByHead(text: string, label: string, expected: number): string[] {
  const { d } = c();
  const m = new RegExp(`^[${d.numeralChars}][${d.classifiers}](\\p{Script=Han}{2,4})$`, 'u').exec(label);
  if (!m || expected < 2) return [];
  const head = escapeRegExp(m[1]);
  const item = `[^，,。；;、：:“”\\n]{2,24}?${head}`;
  const re = new RegExp(`(${item})${`、(${item})`.repeat(expected - 1)}(?![^，,。；;：:\\n]{0,2}、)`, 'u');
  const found = re.exec(text);
  if (!found) return [];
  // The first item starts at the clause boundary: it is cut after its last introducing verb (…着力探索推进A).
  return cleanItems(found.slice(1), true);
}
