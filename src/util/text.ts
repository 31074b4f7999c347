/** Small text helpers shared by several stages. */

/** Han ideographs, including extension planes (astral). */
export const HAN = /\p{Script=Han}/u;

/** NFKC plus the full-width plus sign, for matching (never for stored text). */
export function fold(s: string): string {
  return s.normalize('NFKC').replace(/＋/g, '+');
}

/** Count matches of a global regex. */
export function countMatches(s: string, re: RegExp): number {
  let n = 0;
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  while (g.exec(s)) n++;
  return n;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Unique values, keeping first-seen order. */
export function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
