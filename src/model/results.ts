/** Extracted items: every one carries offsets into `text` and its evidence sentence. */
export interface Provenance {
  start: number;
  end: number;
  evidence: string;
}

export interface Mechanism extends Provenance {
  name: string;
  surface: string;
  kind: 'numbered' | 'compound' | 'named';
  category: string | null;
  org: string | null;
  components: string[];
  english: string | null;
  /** The numeral count implied by the label (四个一 → 4), when it has one. */
  expected: number | null;
  /** Set when components were found but their count differs from the label's numeral. */
  countMismatch: boolean;
  /** Other names the same mechanism goes by in this document (merged on component similarity). */
  variants: string[];
  /** A national programme or slogan (四个全面, 一国两制), not a CPPCC body's own working method. */
  national: boolean;
  /** Which generator found it (quoted-numbered, chain, counted, compound, system…). */
  source: string;
}

export type Qualifier = 'exact' | 'approx' | 'more_than' | 'at_least' | 'at_most';

export interface Metric extends Provenance {
  value: number;
  unit: string;
  qualifier: Qualifier;
  indicator: string | null;
  org: string | null;
  period: string | null;
  surface: string;
}

export interface Person extends Provenance {
  name: string;
  titles: string[];
  org: string | null;
  role: 'mentioned' | 'author' | 'editor';
}

export interface OrgSystem extends Provenance {
  owner: string | null;
  units: string[];
}

export interface OrgUnit extends Provenance {
  name: string;
  count: number | null;
  org: string | null;
}

export interface OrgMention {
  start: number;
  end: number;
  surface: string;
  /** Resolved name (该区政协 → 大渡口区政协), else the surface without 该/各 prefixes. */
  name: string;
  level: string | null;
  /** True for CPPCC bodies (a 政协 core). */
  cppcc: boolean;
}

/**
 * The one rule for which mechanisms are run labels: a name the text marks as one (quoted, counted, defined;
 * not a verb-introduced system) of at least two characters. Such a name is kept as one token wherever the
 * run meets it; stored as mechanisms.is_label, which the relabel pass reads instead of restating the rule.
 */
export function isRunLabel(m: Pick<Mechanism, 'name' | 'source'>): boolean {
  return m.source !== 'system' && m.name.length >= 2;
}
