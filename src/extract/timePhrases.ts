import { loadJson } from '../util/data.js';

/** Time phrases of a text (2023年以来, 五年来, 截至2023年9月, 每季度), from the patterns in pipelines/extract/time.json. */

interface TimeData {
  frequency: string[];
  perUnit: string;
  time: string[];
  wholeYear: string[];
  relativeDays: Record<string, number>;
}

export interface TimePhrase {
  start: number;
  end: number;
  surface: string;
  /** 每年, 每季度: scopes its own clause only. */
  frequency: boolean;
}

let compiled: { d: TimeData; any: RegExp; perUnit: RegExp } | null = null;
function c() {
  if (compiled) return compiled;
  const d = loadJson<TimeData>('extract', 'time.json');
  const frequency = d.frequency.join('|');
  compiled = {
    d,
    // Frequencies first: 每年 is a frequency, never the year phrase 年….
    any: new RegExp(`(${frequency})|(?:${d.time.join('|')})`, 'gu'),
    perUnit: new RegExp(d.perUnit, 'u'),
  };
  return compiled;
}

/** Every time phrase of `text` in order, leftmost first and without overlaps. */
export function findTimePhrases(text: string): TimePhrase[] {
  const out: TimePhrase[] = [];
  for (const m of text.matchAll(c().any)) {
    if (!m[0]) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, surface: m[0], frequency: m[1] !== undefined });
  }
  return out;
}

/** The frequency a rate after a unit stands for (元/年 → 每年), or null. */
export function perUnitFrequency(after: string): string | null {
  const m = c().perUnit.exec(after);
  return m ? `每${m[1]}` : null;
}

/** 全年, 年内: the year in scope, not a period of their own. */
export function isWholeYear(surface: string): boolean {
  return c().d.wholeYear.includes(surface);
}

/** A bare year (2022年, 2022年度) that a 全年 clause can take. */
export function isYear(surface: string): boolean {
  return /^\d{4}年度?$/u.test(surface);
}

/**
 * A phrase counted from the publication date (今天下午, 3日) as a calendar date (2024年4月27日), when the
 * document is dated; else the phrase as written.
 */
export function resolveRelativeDay(surface: string, published: string | null): string {
  const date = published ? /^(\d{4})-(\d{2})-(\d{2})$/u.exec(published) : null;
  if (!date) return surface;
  const [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const fmt = (t: Date) => `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
  const word = Object.keys(c().d.relativeDays).find((w) => surface.startsWith(w));
  if (word) return fmt(new Date(Date.UTC(y, mo - 1, d + c().d.relativeDays[word])));
  const day = /^(\d{1,2})日/u.exec(surface);
  if (!day) return surface;
  // A day after the publication day is last month's (a report of the 28th published on the 2nd).
  const n = Number(day[1]);
  return fmt(new Date(Date.UTC(y, n <= d ? mo - 1 : mo - 2, n)));
}
