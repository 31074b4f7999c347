/**
 * Scores predictions (the `cppcc extract --format jsonl` objects) against gold annotations, with the
 * matching rules of the evaluation format: names compared after NFKC with quotes removed and a
 * trailing category word ignored; short phrases (org, indicator) match when one contains the other and
 * the prediction is not much longer; optional gold items count neither way; micro-averaged P/R/F1.
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const QUOTES = /[“”"'‘’「」『』《》〈〉()（）\s·•]/gu;
const norm = (s: unknown) => String(s ?? '').normalize('NFKC').replace(QUOTES, '').replace(/＋/gu, '+').toLowerCase();
const SUFFIXES = ['党建工作法', '工作法', '指导活动', '联建活动', '活动', '工作机制', '机制', '制度', '模式', '组织体系',
  '工作体系', '体系', '工作格局', '格局', '联帮网格', '网格', '要求', '工作', '行动'].map(norm);
const stripSuffix = (s: string) => { for (const x of SUFFIXES) if (s.length > x.length && s.endsWith(x)) return s.slice(0, -x.length); return s; };
const sameName = (a: unknown, b: unknown) => { const x = norm(a), y = norm(b); return x === y || stripSuffix(x) === stripSuffix(y); };
const contains = (a: unknown, b: unknown) => { const x = norm(a), y = norm(b); return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)); };
const near = (g: unknown, p: unknown) => contains(g, p) && norm(p).length <= Math.max(2 * norm(g).length, norm(g).length + 6);
const sameValue = (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function jaccard(a: string[], b: string[]): number {
  const A = a.map(norm), B = b.map(norm);
  let inter = 0;
  for (const x of A) if (B.some((y) => x === y || (x.length >= 2 && y.length >= 2 && (x.includes(y) || y.includes(x))))) inter++;
  const union = A.length + B.length - inter;
  return union === 0 ? 0 : inter / union;
}
const partRecall = (gold: string[], pred: string[]) => gold.filter((x) => pred.some((y) => contains(x, y))).length / gold.length;

export const CATEGORIES = {
  mechanisms: (g: Obj, p: Obj) => sameName(g.name, p.name),
  metrics: (g: Obj, p: Obj) => sameValue(g.value, p.value) && norm(g.unit) === norm(p.unit),
  people: (g: Obj, p: Obj) => norm(g.name) === norm(p.name),
  org_units: (g: Obj, p: Obj) => contains(g.name, p.name) && (g.count ?? null) === (p.count ?? null),
  org_systems: (g: Obj, p: Obj) => jaccard(g.units ?? [], p.units ?? []) >= 0.5,
} as const;

export const DETAILS: Record<string, Record<string, (g: Obj, p: Obj) => number | null>> = {
  mechanisms: {
    components: (g, p) => (g.components?.length ? partRecall(g.components, p.components ?? []) : null),
    org: (g, p) => (g.org ? Number(near(g.org, p.org)) : null),
  },
  metrics: {
    qualifier: (g, p) => (g.qualifier ? Number(norm(g.qualifier) === norm(p.qualifier)) : null),
    indicator: (g, p) => (g.indicator ? Number(near(g.indicator, p.indicator)) : null),
    // Whose number it is and when: the clause's subject (市政协), not the first org the sentence names.
    org: (g, p) => (g.org ? Number(near(g.org, p.org)) : null),
    period: (g, p) => (g.period ? Number(near(g.period, p.period)) : null),
  },
  people: { titles: (g, p) => (g.titles?.length ? partRecall(g.titles, p.titles ?? []) : null) },
};

export const META = ['title', 'subtitle', 'date', 'source', 'authors', 'editors', 'doc_type', 'script'];
export const QUALITY = ['pinyin_glosses', 'duplicated_punctuation', 'dropped_characters', 'truncated', 'elided'];
export function sameField(g: unknown, p: unknown): boolean {
  if (Array.isArray(g)) return Array.isArray(p) && g.length === p.length && g.every((x) => p.some((y) => norm(x) === norm(y)));
  if (g === null || typeof g === 'boolean') return g === (p ?? null);
  return norm(g) === norm(p);
}

export function match(gold: Obj[], pred: Obj[], same: (g: Obj, p: Obj) => boolean) {
  const used = new Set<number>();
  let tp = 0, fn = 0;
  const pairs: [Obj, Obj][] = [];
  const ordered = [...gold].sort((a, b) => Number(!!a.optional) - Number(!!b.optional));
  for (const g of ordered) {
    const j = pred.findIndex((p, k) => !used.has(k) && same(g, p));
    if (j >= 0) { used.add(j); if (!g.optional) { tp++; pairs.push([g, pred[j]]); } } else if (!g.optional) fn++;
  }
  return { tp, fp: pred.length - used.size, fn, pairs, used };
}

/** Why a body is not clean: a wrong start or end (within 400 characters of either end), or furniture left in. */
export function bodyProblems(gold: { starts_with?: string; ends_with?: string; boilerplate?: string[] }, p: Obj): string[] {
  const text = String(p.body?.text ?? '');
  const out: string[] = [];
  if (gold.starts_with && !text.slice(0, 400).includes(gold.starts_with)) out.push(`does not start with ${JSON.stringify(gold.starts_with)}`);
  if (gold.ends_with && !text.slice(-400).includes(gold.ends_with)) out.push(`does not end with ${JSON.stringify(gold.ends_with)}`);
  for (const b of gold.boilerplate ?? []) if (text.includes(b)) out.push(`holds furniture ${JSON.stringify(b)}`);
  return out;
}

export interface CategoryScore { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number; detail: Record<string, number | null> }
export interface ScoreSummary { documents: number; predicted: number; categories: Record<string, CategoryScore>; fields: Record<string, number> }

const base = (f: string) => f.split(/[\\/]/u).pop() ?? f;

/** Predictions by file name; a container's only item ("feed.xml#0") also answers for the container's file. */
export function byFile(predictions: Obj[]): Map<string, Obj> {
  const preds = new Map<string, Obj>();
  for (const p of predictions) {
    const name = base(String(p.file ?? ''));
    preds.set(name, p);
    const whole = name.replace(/#0$/u, '');
    if (whole !== name && !preds.has(whole)) preds.set(whole, p);
  }
  return preds;
}

export function score(golds: Obj[], predictions: Obj[]): ScoreSummary {
  const preds = byFile(predictions);
  const totals: Record<string, number> = {}, sums: Record<string, number> = {}, fields: Record<string, number> = {};
  const add = (o: Record<string, number>, k: string, v: number) => { o[k] = (o[k] ?? 0) + v; };
  for (const g of golds) {
    const p = preds.get(base(g.file)) ?? {};
    for (const [cat, same] of Object.entries(CATEGORIES)) {
      const r = match(g[cat] ?? [], p[cat] ?? [], same);
      add(totals, `${cat}.tp`, r.tp); add(totals, `${cat}.fp`, r.fp); add(totals, `${cat}.fn`, r.fn);
      for (const [gi, pi] of r.pairs) {
        for (const [name, fn] of Object.entries(DETAILS[cat] ?? {})) {
          const d = fn(gi, pi);
          if (d !== null) { add(sums, `${cat}.${name}.sum`, d); add(sums, `${cat}.${name}.n`, 1); }
        }
      }
    }
    for (const f of META) if (g.meta && f in g.meta) { add(fields, `meta.${f}.n`, 1); add(fields, `meta.${f}.ok`, Number(sameField(g.meta[f], p.meta?.[f]))); }
    for (const f of QUALITY) if (g.quality && f in g.quality) { add(fields, `quality.${f}.n`, 1); add(fields, `quality.${f}.ok`, Number(sameField(g.quality[f], p.quality?.[f]))); }
    if (g.body) {
      add(fields, 'body.clean.n', 1); add(fields, 'body.clean.ok', Number(bodyProblems(g.body, p).length === 0));
    }
  }
  const categories: Record<string, CategoryScore> = {};
  for (const cat of Object.keys(CATEGORIES)) {
    const tp = totals[`${cat}.tp`] ?? 0, fp = totals[`${cat}.fp`] ?? 0, fn = totals[`${cat}.fn`] ?? 0;
    const precision = tp + fp ? tp / (tp + fp) : 0, recall = tp + fn ? tp / (tp + fn) : 0;
    const detail: Record<string, number | null> = {};
    for (const name of Object.keys(DETAILS[cat] ?? {})) {
      const n = sums[`${cat}.${name}.n`] ?? 0;
      detail[name] = n ? (sums[`${cat}.${name}.sum`] ?? 0) / n : null;
    }
    categories[cat] = { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, detail };
  }
  const fieldScores: Record<string, number> = {};
  for (const k of Object.keys(fields).filter((x) => x.endsWith('.n'))) fieldScores[k.slice(0, -2)] = (fields[`${k.slice(0, -2)}.ok`] ?? 0) / fields[k];
  return { documents: golds.length, predicted: golds.filter((g) => preds.has(base(g.file))).length, categories, fields: fieldScores };
}

/** The score table as text (also pasted into the README). */
export function formatScore(s: ScoreSummary): string {
  const pct = (x: number | null) => (x === null ? '   -' : (100 * x).toFixed(1).padStart(5));
  const lines = [`documents scored: ${s.predicted}/${s.documents}`, 'category       P      R      F1     tp  fp  fn   detail on matched items'];
  for (const [cat, c] of Object.entries(s.categories)) {
    const d = Object.entries(c.detail).map(([k, v]) => `${k} ${pct(v).trim()}`).join(', ');
    lines.push(`${cat.padEnd(12)} ${pct(c.precision)}  ${pct(c.recall)}  ${pct(c.f1)}  ${String(c.tp).padStart(4)}${String(c.fp).padStart(4)}${String(c.fn).padStart(4)}   ${d}`);
  }
  lines.push('fields (share correct):');
  for (const [k, v] of Object.entries(s.fields)) lines.push(`  ${k.padEnd(32)} ${pct(v)}`);
  return lines.join('\n');
}
