/** One mechanism written two ways in a document: merged on component similarity, never on the name alone. */
import { JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import type { Mechanism } from '../../model/results.js';
import { c } from './grammar.js';

/** Similarity of two component lists: Jaro-Winkler on their joined, sorted text (1 = identical). */
export function componentSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  return JaroWinklerDistance([...a].sort().join('|'), [...b].sort().join('|'), {});
}

/**
 * Merge mechanisms whose names differ but whose spelled-out components are (nearly) the same: the
 * first name stays, the others are kept as variants. Labels without components are never merged,
 * since the same label means different things in different places.
 */
export function mergeVariants(found: Mechanism[]): Mechanism[] {
  const threshold = c().d.variantSimilarity;
  const out: Mechanism[] = [];
  for (const m of found) {
    const same = out.find((o) => o.org === m.org && o.components.length === m.components.length && componentSimilarity(o.components, m.components) >= threshold);
    if (same && same.name !== m.name) {
      if (!same.variants.includes(m.name)) same.variants.push(m.name);
      continue;
    }
    out.push(m);
  }
  return out;
}
