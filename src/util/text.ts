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

/**
 * Strip any of `prefixes` from the start and `suffixes` from the end, repeatedly, while at least
 * `keep` characters remain (通过实施每季度… → 每季度…; …实行的 → …实行).
 */
export function stripAffixes(s: string, prefixes: string[], suffixes: string[] = [], keep = 2): string {
  let out = s.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const p of prefixes) if (out.startsWith(p) && out.length - p.length >= keep) { out = out.slice(p.length); changed = true; }
    for (const p of suffixes) if (out.endsWith(p) && out.length - p.length >= keep) { out = out.slice(0, -p.length); changed = true; }
  }
  return out.trim();
}
