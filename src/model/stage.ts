import type { Document } from './document.js';

/** Shared, read-only resources for one run (options from the pipeline file). */
export interface RunContext {
  options: Record<string, unknown>;
  /**
   * Mechanism names found so far in a stream of documents (`cppcc extract`): later documents keep them whole
   * as tokens. Unset in `cppcc run`, which applies the run's labels to all its documents at the end.
   */
  discovered?: Set<string>;
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
