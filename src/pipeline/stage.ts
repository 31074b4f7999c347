import type { Document } from '../model/document.js';

/** Shared, read-only resources for one run (options from the pipeline file). */
export interface RunContext {
  options: Record<string, unknown>;
  /** Mechanism names found so far in this run: later documents keep them whole as tokens. */
  discovered?: Set<string>;
  /**
   * False when a batch runner owns `discovered` (cppcc run): labels found in a batch are added after the
   * batch, so what a document sees does not depend on which worker ran which document first.
   */
  learn?: boolean;
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
