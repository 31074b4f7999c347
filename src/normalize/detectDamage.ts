import type { Document } from '../model/document.js';
import type { QualityFlag } from '../model/flag.js';
import type { Stage } from '../model/stage.js';
import { compileAll, loadJson, loadTsv } from '../util/data.js';
import { countMatches, escapeRegExp } from '../util/text.js';

interface DamageData {
  collocations: string[];
  minEvidence: number;
  minDistinctForms: number;
  maxIntactShare: number;
  minBrokenLength: number;
  elision: string[];
  maskedFigure: string;
  maskedFigureMin: number;
  truncationEnd: string[];
  terminalPunctuation: string;
  mojibakeGbkMarkers: string;
  mojibakeLatinMarkers: string;
  mojibakeMinShare: number;
  mojibakeMinCount: number;
}

interface Prepared {
  d: DamageData;
  /** For each character, the broken forms (term minus that character) that are not words themselves. */
  broken: Map<string, string[]>;
  /** Broken forms by first character, longest first, so a text is scanned once. */
  byFirst: Map<string, string[]>;
  elision: RegExp[];
  masked: RegExp;
  truncation: RegExp[];
  terminal: RegExp;
}

let prepared: Prepared | null = null;

/** Domain vocabulary: lexicon names and components, org vocabulary, general collocations. */
export function domainVocabulary(): string[] {
  const d = loadJson<DamageData>('normalize', 'damage.json');
  const lex = loadTsv('lexicon', 'lexicon.tsv').flatMap((r) => [r.simplified, ...r.components.split('|')]);
  const org = loadTsv('lexicon', 'org_vocab.tsv').map((r) => r.simplified);
  return [...new Set([...lex, ...org, ...d.collocations].map((s) => s.replace(/[（(].*?[)）]/gu, '').trim()).filter((s) => /^\p{Script=Han}{2,}$/u.test(s)))];
}

function prepare(): Prepared {
  const d = loadJson<DamageData>('normalize', 'damage.json');
  const vocab = domainVocabulary();
  const words = new Set(vocab);
  const broken = new Map<string, string[]>();
  for (const term of vocab) {
    for (const ch of new Set(term)) {
      const form = term.split(ch).join('');
      if (form.length < d.minBrokenLength || words.has(form)) continue;
      // A broken form inside another vocabulary word (政协组 in 政协组织) is no evidence on its own.
      if (vocab.some((w) => w !== term && w.includes(form) && !w.includes(ch))) continue;
      const list = broken.get(ch) ?? [];
      if (!list.includes(form)) list.push(form);
      broken.set(ch, list);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const f of [...new Set([...broken.values()].flat())].sort((a, b) => b.length - a.length)) {
    const list = byFirst.get(f[0]) ?? [];
    list.push(f);
    byFirst.set(f[0], list);
  }
  return {
    d, broken, byFirst,
    elision: compileAll(d.elision, 'u'), masked: new RegExp(d.maskedFigure, 'gu'), truncation: compileAll(d.truncationEnd, 'u'), terminal: new RegExp(d.terminalPunctuation, 'u'),
  };
}

/**
 * Characters a site deleted everywhere (every 党): each leaves broken domain collocations (政协组 for
 * 政协党组, 学贯彻 for 学习贯彻) while the character itself is (nearly) absent. Fires only with
 * enough evidence from several distinct collocations, so an undamaged text that simply never uses the
 * character, or uses one odd phrase, is not flagged.
 */
export function detectDroppedCharacters(text: string): { char: string; evidence: number; forms: string[] }[] {
  const p = (prepared ??= prepare());
  const out: { char: string; evidence: number; forms: string[] }[] = [];
  // One scan for every broken form, then per character: its forms' counts and its own count.
  const seenForms = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const candidates = p.byFirst.get(text[i]);
    if (!candidates) continue;
    const hit = candidates.find((f) => text.startsWith(f, i));
    if (!hit) continue;
    seenForms.set(hit, (seenForms.get(hit) ?? 0) + 1);
    i += hit.length - 1;
  }
  if (!seenForms.size) return out;
  for (const [ch, forms] of p.broken) {
    const seen = forms.filter((f) => seenForms.has(f));
    const evidence = seen.reduce((n, f) => n + seenForms.get(f)!, 0);
    if (evidence < p.d.minEvidence || seen.length < p.d.minDistinctForms) continue;
    const intact = countMatches(text, new RegExp(escapeRegExp(ch), 'u'));
    if (intact > evidence * p.d.maxIntactShare) continue;
    out.push({ char: ch, evidence, forms: seen });
  }
  return out.sort((a, b) => b.evidence - a.evidence);
}

/**
 * Text decoded with the wrong charset: UTF-8 read as GBK turns into rare characters (鍏, 鏀, 銆…),
 * read as Latin-1 into Ã/å/æ runs. Fires only when markers are a large share of the text.
 */
export function detectMojibake(text: string): { kind: 'utf8-as-gbk' | 'utf8-as-latin1'; share: number } | null {
  const { d } = (prepared ??= prepare());
  let han = 0, gbk = 0, nonAscii = 0, latin = 0;
  for (const ch of text) {
    if (ch > '\u007f') nonAscii++;
    if (/\p{Script=Han}/u.test(ch)) { han++; if (d.mojibakeGbkMarkers.includes(ch)) gbk++; }
    else if (d.mojibakeLatinMarkers.includes(ch)) latin++;
  }
  if (gbk >= d.mojibakeMinCount && gbk / han >= d.mojibakeMinShare) return { kind: 'utf8-as-gbk', share: gbk / han };
  if (latin >= d.mojibakeMinCount && latin / nonAscii >= d.mojibakeMinShare) return { kind: 'utf8-as-latin1', share: latin / nonAscii };
  return null;
}

export const detectDamageStage: Stage = {
  id: 'normalize.detectDamage@1',
  requires: ['text'],
  provides: ['quality'],
  run(doc: Document): Document {
    const p = (prepared ??= prepare());
    const flag = (f: Omit<QualityFlag, 'by'>) => doc.flags.push({ ...f, by: this.id });
    for (const d of detectDroppedCharacters(doc.text)) {
      flag({ ruleId: 'damage.droppedCharacter', severity: 'warning', reason: `the character ${d.char} seems deleted throughout: ${d.evidence} broken collocations (${d.forms.slice(0, 4).join(', ')})`, data: { char: d.char, evidence: d.evidence, forms: d.forms } });
    }
    const moji = detectMojibake(doc.text);
    if (moji) {
      flag({ ruleId: 'decode.mojibake', severity: 'warning', reason: `the text looks like ${moji.kind === 'utf8-as-gbk' ? 'UTF-8 read as GBK' : 'UTF-8 read as Latin-1'} (${Math.round(moji.share * 100)}% marker characters): re-read the file with the right charset`, data: moji });
    }
    let elided = false;
    for (const re of p.elision) {
      const m = re.exec(doc.text);
      if (m) {
        flag({ ruleId: 'damage.elided', severity: 'warning', reason: `text elided: "${m[0]}"`, span: { start: m.index, end: m.index + m[0].length, layer: 'text', label: 'elision', by: this.id } });
        elided = true;
        break;
      }
    }
    const masked = elided ? [] : [...doc.text.matchAll(p.masked)];
    if (masked.length >= p.d.maskedFigureMin) {
      const first = masked[0].index;
      flag({ ruleId: 'damage.elided', severity: 'warning', reason: `figures masked by placeholders (${masked.length}, first "${doc.text.slice(first, first + 4)}")`, span: { start: first, end: first + masked[0][0].length, layer: 'text', label: 'elision', by: this.id }, data: { masked: masked.length } });
    }
    const tail = doc.text.trimEnd();
    const paywall = doc.flags.some((f) => f.ruleId.startsWith('truncated.'));
    const marker = p.truncation.find((re) => re.test(tail));
    if (tail && (paywall || marker || !p.terminal.test(tail))) {
      const why = paywall ? 'the page is a preview (paywall or read-more text after the body)' : marker ? 'the text ends with a "to be continued" marker' : 'the text ends mid-sentence';
      flag({ ruleId: 'damage.truncated', severity: 'warning', reason: why, span: { start: Math.max(0, tail.length - 10), end: tail.length, layer: 'text', label: 'truncation', by: this.id } });
    }
    return doc;
  },
};
