/** Grammar shared by the mechanism generators: vocabulary from pipelines/extract/mechanisms.json, compiled once. */
import { loadJson } from '../../util/data.js';
import { escapeRegExp, fold } from '../../util/text.js';
import type { Mechanism } from '../../model/results.js';

export interface MechData {
  numeralChars: string;
  numeralValues: Record<string, number>;
  classifiers: string;
  categoryModifiers: string[];
  categoryHeads: string[];
  introVerbs: string[];
  systemVerbs: string[];
  systemHeads: string[];
  dateNames: string[];
  idioms: string[];
  falseNumerals: string[];
  genericCountedHeads: string[];
  venueHeads: string[];
  honourCue: string;
  countingOnly: string;
  maxQuotedNumbered: number;
  maxQuotedNamed: number;
  minNamedLength: number;
  componentStrip: string[];
  componentTrailStrip: string[];
  leadVerbs: string[];
  countedForms: string[];
  definitionCue: string;
  ordinalItem: string;
  ordinalWindow: number;
  systemFollowBlock: string;
  genericSystemWords: string[];
  namingCue: string;
  titledHeads: string[];
  regulationTitle: string;
  compoundLeftCut: string[];
  metricLike: string;
  variantSimilarity: number;
  maxExamplesLabelReach: number;
  genericLabelStarts: string[];
  headedWord: [number, number];
  countingUnits: string;
}

export interface Compiled {
  d: MechData;
  numeral: RegExp;
  category: RegExp;
  introBefore: RegExp;
  honour: RegExp;
  countingOnly: RegExp;
  chain: RegExp;
  counted: RegExp;
  compound: RegExp;
  systemNamed: RegExp;
  definition: RegExp;
  ordinal: RegExp;
  metricLike: RegExp;
  examplesLabel: RegExp;
  systemHeadEnd: RegExp;
  named: RegExp;
  headed: RegExp;
  titled: RegExp;
  regulationTitle: RegExp;
}

/** An alternation of literal strings, longest first. */
const byLen = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

let compiled: Compiled | null = null;
export function c(): Compiled {
  if (compiled) return compiled;
  const d = loadJson<MechData>('extract', 'mechanisms.json');
  const N = `[${d.numeralChars}]`;
  const systemItem = `[^\\p{P}\\s的等各和、]{4,14}?(?:${byLen(d.systemHeads)})`;
  compiled = {
    d,
    numeral: new RegExp(`${N}|\\d`, 'u'),
    // 工作法, 党建工作机制; a counted head too (“关爱委员”八条举措).
    category: new RegExp(`^(?:的)?((?:${N}[${d.classifiers}])?(?:${byLen(d.categoryModifiers)}){0,2}(?:${byLen(d.categoryHeads)}))`, 'u'),
    introBefore: new RegExp(`(?:${byLen(d.introVerbs)})了?$`, 'u'),
    honour: new RegExp(d.honourCue, 'u'),
    countingOnly: new RegExp(d.countingOnly, 'u'),
    // 三会一课, 四议两公开, 两不愁三保障, 四联两评双促双提: numeral + 1-3 characters, two or more times.
    chain: new RegExp(`(?:${N}[^${d.numeralChars}\\s\\p{P}\\d]{1,3}){2,4}`, 'gu'),
    // 四个落实, 三级评议, 四张责任清单: numeral + classifier + a 2-4 character head.
    counted: new RegExp(`${N}[${d.classifiers}][\\p{Script=Han}]{2,4}`, 'gu'),
    // A+B(+C) frameworks outside quotes; the left edge is cut by compoundLeftCut.
    compound: new RegExp(`(?:[\\p{Script=Han}\\d]{1,10}\\+)+[\\p{Script=Han}\\d]{1,10}`, 'gu'),
    // Items exclude 和 so that a coordination (A制度和B制度) splits cleanly; items before the first head
    // share it (委员列席主席会议、常委会会议制度).
    systemNamed: new RegExp(`(?:${byLen(d.systemVerbs)})((?:[^\\p{P}\\s的等各和、]{2,14}[和、])*?(?:${systemItem})(?:[和、](?:${systemItem}))*)`, 'gu'),
    definition: new RegExp(d.definitionCue, 'u'),
    ordinal: new RegExp(d.ordinalItem, 'gu'),
    metricLike: new RegExp(d.metricLike, 'u'),
    systemHeadEnd: new RegExp(`(${byLen(d.systemHeads)})$`, 'u'),
    // 称为 + a name up to the clause's end (quoted names are judged by the quoted generator).
    named: new RegExp(`${d.namingCue}([\\p{Script=Han}\\d+]{2,12})(?=[\\p{P}\\s]|$)`, 'gu'),
    // A numeral, not a classifier or counting unit, then a word of headedWord characters in all.
    headed: new RegExp(`${N}(?![${d.classifiers}${d.countingUnits}])[^${d.numeralChars}\\p{P}\\s\\d]\\p{Script=Han}{${d.headedWord[0] - 2},${d.headedWord[1] - 2}}`, 'gu'),
    regulationTitle: new RegExp(d.regulationTitle, 'gu'),
    titled: new RegExp(`《([^《》\\n]{2,30}?(${byLen(d.titledHeads)}))》`, 'gu'),
    // 等 + an optional short attribute ending in 的 + 2-8 characters up to the first head, then any heads
    // that follow it (学习制度 + 体系): the label ends where the heads end.
    examplesLabel: new RegExp(`^等([^\\p{P}\\s的]{0,5}的)?(\\p{Script=Han}{2,8}?((?:${byLen(d.categoryHeads)})+))`, 'u'),
  };
  return compiled;
}

/** The count a label announces: 四个一 → 4, 1234 → 4, 四联两评双促双提 → 10, 党组+委员+基地 → 3. */
export function expectedCount(label: string): number | null {
  const { d } = c();
  const plain = fold(label);
  if (/\+/u.test(plain)) return /\d/u.test(plain) ? null : plain.split('+').length;
  if (/^\d{2,6}$/u.test(plain)) return plain.length;
  const counted = new RegExp(`^([${d.numeralChars}])(?:[${d.classifiers}]|(?:${byLen(d.countedForms)})$)`, 'u').exec(plain);
  if (counted) return d.numeralValues[counted[1]] ?? null;
  let sum = 0;
  for (const ch of plain) sum += d.numeralValues[ch] ?? 0;
  return sum || null;
}

/** Does a name hold a numeral (四个一, 123), not counting words whose numeral character is none (百姓)? */
export function hasNumeral(name: string): boolean {
  const { d, numeral } = c();
  return numeral.test(d.falseNumerals.reduce((s, w) => s.split(w).join(''), name));
}

export function kindOf(name: string): Mechanism['kind'] {
  if (fold(name).includes('+')) return 'compound';
  return hasNumeral(name) ? 'numbered' : 'named';
}

export function isIdiomOrDate(name: string): boolean {
  const { d } = c();
  return d.dateNames.includes(name) || d.idioms.includes(name);
}


/** A mechanism candidate from one generator, with offsets into `text`. */
export interface Candidate {
  start: number;
  end: number;
  name: string;
  surface: string;
  category: string | null;
  source: string;
  components: string[];
  /** Quoted spans listed right before 等“LABEL” are components of that label, not mechanisms. */
  componentOf?: number;
}

/** A quoted span (Chinese or straight quotes, 「」). */
export const QUOTE = /[“"「]([^”"」\n]{1,40})[”"」]/gu;

/** Inside a quoted span? (Unquoted generators skip those: the quoted generator owns them.) */
export function insideQuote(text: string, at: number): boolean {
  const open = Math.max(text.lastIndexOf('“', at - 1), text.lastIndexOf('「', at - 1));
  if (open < 0) return false;
  const close = Math.max(text.lastIndexOf('”', at - 1), text.lastIndexOf('」', at - 1));
  return open > close && at - open <= 40;
}
