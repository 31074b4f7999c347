/** Dates written in Chinese or ISO forms; invalid calendar dates (2月30日) are rejected. */
const DATE_PATTERNS = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u,
  /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/u,
];

/** Earliest plausible year for a dated CPPCC text (the CPPCC was founded in 1949; archives reach back further). */
const MIN_YEAR = 1900;

export function validDate(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first valid date in a string, as ISO YYYY-MM-DD, with where it was found. */
export function findDate(s: string): { iso: string; index: number; length: number } | null {
  let best: { iso: string; index: number; length: number } | null = null;
  for (const re of DATE_PATTERNS) {
    const g = new RegExp(re.source, 'gu');
    let m: RegExpExecArray | null;
    while ((m = g.exec(s))) {
      const iso = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
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
