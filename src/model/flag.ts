import type { Span } from './span.js';

export type Severity = 'info' | 'warning' | 'fatal';

/** A quality finding: damage repaired or detected, or the reason a document could not be processed. */
export interface QualityFlag {
  ruleId: string;
  by: string;
  severity: Severity;
  reason: string;
  span?: Span;
  /** Machine-readable evidence (characters dropped, counts, ...). */
  data?: Record<string, unknown>;
}
