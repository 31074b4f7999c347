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

/** The 、-enumeration ending right before `at` (…A、B、C实行的 LABEL), cleaned; [] when none. */
export function enumerationBefore(text: string, at: number): string[] {
  const region = text.slice(clauseStart(text, at), at);
  if (!region.includes('、')) return [];
  return splitEnumeration(region).map(cleanComponent).filter((x) => x.length >= 2);
}

/** Components spelled out after a label: “1”是A，“2”是B; LABEL：A；B；C; 一是…二是… . */
export function componentsAfter(text: string, label: string, end: number, expected: number | null): string[] {
  const { definition } = c();
  const rest = text.slice(end, end + 600);
  const sentenceEnd = rest.search(/[。！？\n]/u);
  const sentence = sentenceEnd >= 0 ? rest.slice(0, sentenceEnd) : rest;
  // “1”是…，“2”是…: the digits of a digit label, introduced right after it.
  const digitParts = [...sentence.matchAll(/[“"]([\d一二三四五六七八九十])[”"]是([^，,；;。]+)/gu)].map((m) => cleanComponent(m[2]));
  if (digitParts.length >= 2 && (/^\d+$/u.test(fold(label)) || definition.test(sentence))) return digitParts;
  if (definition.test(sentence)) {
    // A parenthesised definition ends at its closing parenthesis.
    const body = /^[（(]/u.test(sentence) ? sentence.slice(1).split(/[）)]/u)[0] : sentence.replace(definition, '');
    const parts = body.includes('；') || body.includes(';') ? splitEnumeration(body, /[；;]/u) : splitEnumeration(body);
    const items = parts.map((p) => cleanComponent(p.split(/[，,]/u)[0])).filter((x) => x.length >= 2);
    if (items.length >= 2) return items;
  }
  return [];
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
  // The first item starts at the clause boundary: cut it after its last introducing verb (…着力探索推进A).
  const first = found[1];
  const verb = /.*(推进|实现|推动|落实|做到|确保|达到)/u.exec(first.slice(0, -m[1].length));
  return [verb ? first.slice(verb[0].length) : first, ...found.slice(2)].map(cleanComponent);
}
