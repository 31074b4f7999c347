import * as OpenCC from 'opencc-js';
import type { Script } from '../model/document.js';
import { EditBuilder, type OffsetMap } from '../model/offsetMap.js';
import { CppccError } from '../model/errors.js';
import { loadJson } from '../util/data.js';
import { pipelinesPath } from '../util/paths.js';

type Converter = (s: string) => string;
const converters = new Map<string, Converter>();
function converter(from: string, to: string): Converter {
  const key = `${from}>${to}`;
  if (!converters.has(key)) converters.set(key, OpenCC.Converter({ from: from as 'tw', to: to as 'cn' }));
  return converters.get(key)!;
}

/**
 * Share of script-specific characters below which the minority script is noise (a quoted name, a
 * variant form that both scripts use): 0.1 keeps a Traditional page with a few Simplified forms
 * Traditional, while a page with real mixing (≥ 10% of each) is reported as mixed.
 */
const MIXED_MIN_SHARE = 0.1;

let shared: Set<string> | null = null;
/** Characters standard in both scripts that OpenCC still rewrites (pipelines/normalize/script.json): no evidence either way. */
function sharedForms(): Set<string> {
  return (shared ??= new Set(loadJson<{ sharedForms: string }>('normalize', 'script.json').sharedForms));
}

/** Count characters that a conversion changes (same-length outputs compared position by position), shared forms aside. */
function changed(s: string, conv: Converter, skip: Set<string> = new Set()): number {
  const out = conv(s);
  if (out.length !== s.length) return Math.abs(out.length - s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] !== out[i] && !skip.has(s[i])) n++;
  return n;
}

export type ScriptVariant = 'tw' | 'hk' | 't' | null;

export interface ScriptInfo {
  script: Script;
  /** opencc-js locale to convert from (tw, hk, t), or null when the text is Simplified. */
  variant: ScriptVariant;
  traditionalChars: number;
  simplifiedChars: number;
}

/**
 * Han characters read to decide the script: 4,000 decide it as surely as a whole book (the share of
 * script-specific characters is stable within a text) and keep detection cheap on long pages.
 */
const SCRIPT_SAMPLE_CHARS = 4000;

/** Detect the script by how many characters each direction of conversion would change. */
export function detectScript(text: string): ScriptInfo {
  const han = text.replace(/[^\p{Script=Han}]/gu, '').slice(0, SCRIPT_SAMPLE_CHARS);
  const trad = changed(han, converter('t', 'cn'));
  const simp = changed(han, converter('cn', 't'), sharedForms());
  const total = trad + simp;
  let script: Script = 'simplified';
  if (total > 0) {
    const tradShare = trad / total;
    if (tradShare >= 1 - MIXED_MIN_SHARE) script = 'traditional';
    else if (tradShare > MIXED_MIN_SHARE) script = 'mixed';
  }
  if (script === 'simplified') return { script, variant: null, traditionalChars: trad, simplifiedChars: simp };
  // Hong Kong texts prefer 裏/着/綫; Taiwan texts 裡/著/線/臺.
  const hk = (text.match(/[裏着綫]/gu) ?? []).length;
  const tw = (text.match(/[裡著線臺]/gu) ?? []).length;
  const variant = hk > tw ? 'hk' : tw > hk ? 'tw' : 't';
  return { script, variant, traditionalChars: trad, simplifiedChars: simp };
}

/** Sentence-sized chunks keep a phrase-rule length change local, so the map stays fine-grained. */
const CHUNK = /[^。！？；\n]*[。！？；\n]?/gu;

interface OverrideRule { from: string; to: string; why: string }
let overrides: { re: RegExp; to: string; index: number }[] | null = null;

/** Source-side corrections to OpenCC (pipelines/normalize/opencc-overrides.json), each length-preserving. */
function overrideRules(): { re: RegExp; to: string; index: number }[] {
  overrides ??= loadJson<{ rules: OverrideRule[] }>('normalize', 'opencc-overrides.json').rules.map((r, index) => ({ re: new RegExp(r.from, 'gu'), to: r.to, index }));
  return overrides;
}

/** Convert one chunk: override matches are emitted as given, the text between them through OpenCC. */
function convertWithOverrides(chunk: string, conv: Converter): string {
  const hits: { start: number; end: number; to: string }[] = [];
  for (const rule of overrideRules()) {
    for (const m of chunk.matchAll(rule.re)) {
      // A replacement of another length would shift every offset after it: a data error, not a skip.
      if (m[0].length !== rule.to.length) {
        throw new CppccError('E009', { input: pipelinesPath('normalize', 'opencc-overrides.json'), cause: `rule ${rule.index} replaces "${m[0]}" by "${rule.to}" of another length`, stages: '-' });
      }
      if (!hits.some((h) => m.index! < h.end && h.start < m.index! + m[0].length)) hits.push({ start: m.index!, end: m.index! + m[0].length, to: rule.to });
    }
  }
  if (!hits.length) return conv(chunk);
  hits.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const h of hits) {
    out += conv(chunk.slice(pos, h.start)) + h.to;
    pos = h.end;
  }
  return out + conv(chunk.slice(pos));
}

/**
 * Convert to Simplified with opencc-js, chunk by chunk; a chunk whose length the conversion keeps is
 * mapped 1:1, one whose length changed is mapped as a block (still exact at its edges).
 */
export function toSimplified(text: string, variant: 'tw' | 'hk' | 't'): { text: string; map: OffsetMap } {
  const conv = converter(variant, 'cn');
  const b = new EditBuilder(text);
  for (const m of text.matchAll(CHUNK)) {
    if (!m[0]) continue;
    const start = m.index!;
    const out = convertWithOverrides(m[0], conv);
    if (out === m[0]) b.keep(start, start + m[0].length);
    else b.replace(start, start + m[0].length, out);
  }
  return b.finish();
}

/** Convert a short string (a title, a line key) to Simplified from a detected variant; no offsets. */
export function convertString(text: string, variant: 'tw' | 'hk' | 't' | null): string {
  return variant ? converter(variant, 'cn')(text) : text;
}

/** Simplified → Traditional, for query expansion (Taiwan or Hong Kong forms). */
export function toTraditional(text: string, variant: 'tw' | 'hk' | 't' = 'tw'): string {
  return converter('cn', variant)(text);
}

/** Any script → Simplified, for queries and lexicon keys (no offsets needed). */
export function simplify(text: string): string {
  return converter('t', 'cn')(converter('tw', 'cn')(converter('hk', 'cn')(text)));
}
