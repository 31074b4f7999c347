import type { Document } from './document.js';

/** Shared, read-only resources for one run (options from the pipeline file). */
export interface RunContext {
  options: Record<string, unknown>;
  /**
   * The corpus's run labels, on the runner's second pass over the documents that mention them (see
   * segment/labels.ts): each mention becomes one token. Unset on the first pass.
   */
  runLabels?: ReadonlySet<string>;
}

/**
 * One step of the pipeline: `run(doc, ctx) → doc`, with a versioned id and declared requirements, so
 * the runner can reject an impossible order before any input is read. No I/O except ingest and store.
 */
export interface Stage {
  id: string;
  requires: string[];
  provides: string[];
  run(doc: Document, ctx: RunContext): Document;
}
