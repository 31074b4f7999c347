import type { Document } from '../model/document.js';
import type { Mechanism, Metric, OrgSystem, OrgUnit, Person } from '../model/results.js';

/** Quality fields of the evaluation format, read from the document's flags. */
export function qualityOf(doc: Document) {
  const has = (rule: string) => doc.flags.some((f) => f.ruleId === rule);
  return {
    pinyin_glosses: has('repair.pinyinGloss'),
    duplicated_punctuation: has('repair.duplicatedPunctuation'),
    dropped_characters: doc.flags.filter((f) => f.ruleId === 'damage.droppedCharacter').map((f) => String(f.data?.char)),
    truncated: has('damage.truncated'),
    elided: has('damage.elided'),
  };
}

/** One line of `cppcc extract --format jsonl`: the format of ../shared/eval/README.md. */
export function toPrediction(doc: Document) {
  const m = doc.meta;
  const mechanisms = (doc.extracted.mechanisms ?? []) as Mechanism[];
  const metrics = (doc.extracted.metrics ?? []) as Metric[];
  const people = (doc.extracted.people ?? []) as Person[];
  return {
    file: doc.source.file,
    id: doc.id,
    error: doc.failed,
    meta: { title: m.title, subtitle: m.subtitle, date: m.date, source: m.source, authors: m.authors, editors: m.editors, doc_type: m.doc_type, script: m.script },
    quality: qualityOf(doc),
    body: { text: doc.original },
    mechanisms: mechanisms.map((x) => ({ name: x.name, surface: x.surface, kind: x.kind, national: x.national, category: x.category, org: x.org, components: x.components, variants: x.variants, english: x.english, count_mismatch: x.countMismatch, start: x.start, end: x.end })),
    metrics: metrics.map((x) => ({ value: x.value, unit: x.unit, qualifier: x.qualifier, indicator: x.indicator, org: x.org, period: x.period, evidence: x.surface, start: x.start, end: x.end })),
    people: people.map((x) => ({ name: x.name, titles: x.titles, org: x.org, role: x.role })),
    org_systems: ((doc.extracted.org_systems ?? []) as OrgSystem[]).map((x) => ({ owner: x.owner, units: x.units, evidence: x.evidence })),
    org_units: ((doc.extracted.org_units ?? []) as OrgUnit[]).map((x) => ({ name: x.name, count: x.count, org: x.org, evidence: x.evidence })),
  };
}
