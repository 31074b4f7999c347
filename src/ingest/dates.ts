import { parseChineseInteger } from '../util/numerals.js';

/** Year digits written one by one (二〇一九), month and day as numbers (十一, 三十一). */
const CN_YEAR = '[〇零一二三四五六七八九]{4}';
const CN_DAY = '[一二三四五六七八九十]{1,3}';

/**
 * Dates written in Chinese (with Arabic or Chinese numerals) or ISO forms; invalid calendar dates
 * (2月30日) are rejected. Patterns run on a copy with full-width digits folded (２０１９年), which keeps offsets.
 */
const DATE_PATTERNS = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/u,
  /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/u,
  new RegExp(`(${CN_YEAR})年(${CN_DAY})月(${CN_DAY})[日号]`, 'u'),
];

const YEAR_DIGIT: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** A date part as a number: Arabic digits, a year written digit by digit, or a Chinese numeral. */
function part(s: string, isYear: boolean): number {
  if (/^\d+$/u.test(s)) return Number(s);
  if (isYear) return Number([...s].map((ch) => YEAR_DIGIT[ch] ?? 'x').join(''));
  return parseChineseInteger(s) ?? Number.NaN;
}

/** Full-width digits and date separators folded to ASCII, one code unit for one (offsets unchanged). */
function foldDigits(s: string): string {
  return s.replace(/[０-９－／．]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Earliest plausible year for a dated CPPCC text (the CPPCC was founded in 1949; archives reach back further). */
const MIN_YEAR = 1900;

export function validDate(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first valid date in a string, as ISO YYYY-MM-DD, with where it was found. */
export function findDate(text: string): { iso: string; index: number; length: number } | null {
  const s = foldDigits(text);
  let best: { iso: string; index: number; length: number } | null = null;
  for (const re of DATE_PATTERNS) {
    const g = new RegExp(re.source, 'gu');
    let m: RegExpExecArray | null;
    while ((m = g.exec(s))) {
      const iso = validDate(part(m[1], true), part(m[2], false), part(m[3], false));
      if (iso && (!best || m.index < best.index)) best = { iso, index: m.index, length: m[0].length };
      if (iso) break;
    }
  }
  return best;
}

/** Parse a date given by a feed or export (RFC 822, ISO, Chinese) to ISO, or null. */
export function parseAnyDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const found = findDate(s);
  if (found) return found.iso;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
