/**
 * Per-document differences between predictions and gold, under the scorer's own matching: what was missed,
 * what was extra, which meta and quality fields and which detail figures of matched items are wrong. This is
 * what a rule writer reads to find the grammar a rule misses (`cppcc eval --details`).
 */
import { CATEGORIES, DETAILS, META, QUALITY, bodyProblems, byFile, match, sameField } from './score.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHOW: Record<string, (x: Obj) => string> = {
  mechanisms: (x) => `${x.name} (${x.kind}${x.org ? `, org ${x.org}` : ''})`,
  metrics: (x) => `${x.value} ${x.unit} «${x.evidence ?? x.surface ?? ''}»`,
  people: (x) => `${x.name} ${JSON.stringify(x.titles ?? [])}`,
  org_units: (x) => `${x.name} ×${x.count ?? '?'}`,
  org_systems: (x) => `${x.owner ?? '?'}: ${(x.units ?? []).join('、')}`,
};

export interface DocumentDifferences { file: string; lines: string[] }

export function differences(golds: Obj[], predictions: Obj[]): DocumentDifferences[] {
  const preds = byFile(predictions);
  const out: DocumentDifferences[] = [];
  for (const g of golds) {
    const file = String(g.file);
    const p = preds.get(file.split(/[\\/]/u).pop() ?? file);
    const lines: string[] = [];
    if (!p) { out.push({ file, lines: ['no prediction for this document'] }); continue; }
    for (const f of META) if (g.meta && f in g.meta && !sameField(g.meta[f], p.meta?.[f])) lines.push(`meta.${f}: gold ${JSON.stringify(g.meta[f])}, got ${JSON.stringify(p.meta?.[f] ?? null)}`);
    for (const f of QUALITY) if (g.quality && f in g.quality && !sameField(g.quality[f], p.quality?.[f])) lines.push(`quality.${f}: gold ${JSON.stringify(g.quality[f])}, got ${JSON.stringify(p.quality?.[f] ?? null)}`);
    if (g.body) for (const b of bodyProblems(g.body, p)) lines.push(`body ${b}`);
    for (const [cat, same] of Object.entries(CATEGORIES)) {
      const gold = (g[cat] ?? []) as Obj[];
      const pred = (p[cat] ?? []) as Obj[];
      const r = match(gold, pred, same);
      for (const gi of gold.filter((x) => !x.optional && !r.pairs.some(([a]) => a === x))) lines.push(`${cat} missed: ${SHOW[cat](gi)}`);
      pred.forEach((pi, k) => { if (!r.used.has(k)) lines.push(`${cat} extra: ${SHOW[cat](pi)}`); });
      for (const [gi, pi] of r.pairs) {
        for (const [name, fn] of Object.entries(DETAILS[cat] ?? {})) {
          if (fn(gi, pi) === 0) lines.push(`${cat} ${name} wrong on ${SHOW[cat](gi)}: gold ${JSON.stringify(gi[name])}, got ${JSON.stringify(pi[name] ?? null)}`);
          else if ((fn(gi, pi) ?? 1) < 1) lines.push(`${cat} ${name} partly on ${SHOW[cat](gi)}: gold ${JSON.stringify(gi[name])}, got ${JSON.stringify(pi[name] ?? null)}`);
        }
      }
    }
    out.push({ file, lines });
  }
  return out;
}

export function formatDifferences(docs: DocumentDifferences[]): string {
  return docs.filter((d) => d.lines.length).map((d) => [`## ${d.file}`, ...d.lines.map((l) => `  ${l}`)].join('\n')).join('\n');
}
