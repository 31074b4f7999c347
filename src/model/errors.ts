/**
 * Coded, actionable errors: what failed, on which input, and what to do. Rendered as `[E###] message`.
 * Every code is rendered by a test so a template can never throw or leave a placeholder unfilled.
 */
export const ERRORS = {
  E001: 'Cannot read {input}: {cause}. Check that the path exists and is readable.',
  E002: '{input} is empty. Nothing to process; remove it or re-save the page.',
  E003: '{input} looks binary (no text could be decoded: {cause}). Only text files are read: pages, feeds, JSON, JSON lines, CSV/TSV, Markdown and plain text.',
  E004: '{input} is not valid JSON: {cause}. Fix the file or export it again.',
  E005: 'Pipeline stage "{stage}" failed on {input}: {cause}.',
  E006: '{input} is a feed with no items. Nothing to process.',
  E007: '{input} holds no document body in any known field (tried {fields}; it has {found}). Name its body field with --field body=NAME (or the pipeline option fields).',
  E008: 'Unsupported file type {input}. Use .txt, .html/.htm, .xml/.rss/.atom, .json, .jsonl/.ndjson, .csv/.tsv or .md.',
  E009: 'Pipeline file {input} is invalid: {cause}. Known stage ids: {stages}.',
  E010: 'Stage "{stage}" requires "{requires}", which no earlier stage in {input} provides. Reorder or add the stage.',
  E011: 'Token misalignment in {input} at offset {offset}: segmenter returned "{token}" but text has "{found}".',
  E012: 'No run found in {input}. Run `cppcc run <files>` first, or pass --out DIR.',
  E013: 'SQL error: {cause}',
  E014: 'The search index in {input} is older than the database. Re-run `cppcc run` to rebuild it.',
  E015: 'Invalid value for {key}: {cause}. Allowed: {allowed}.',
  E016: '{input} is too large ({cause}). The limit is set by maxFileBytes in the config.',
  E017: 'The {input} has {cause}. Upgrade cppcc-pipeline, or use another --out.',
  E019: '{input} holds no records (an empty JSON array or JSON lines file). Nothing to process.',
  E020: 'Site profile {input} is invalid at "{key}": {cause}. Fix the file (see pipelines/sites/generic.json for the format).',
  E021: 'Cannot scrape {input}: {cause}.',
  E022: 'The crawl manifest {input} has a damaged line {line}: {cause}. The line is skipped; its page will be fetched again.',
  E023: 'Cannot write {input}: {cause}. Free disk space or fix the folder permissions (or use another --out), then run the same command again: committed batches are kept and the run resumes.',
  E024: 'The database {input} is in use by another process ({cause}). Wait for that run to finish, or use another --out.',
  E025: 'No parts to merge in {input}: {cause}. Run `cppcc run --shard k/n --parts DIR` or `cppcc worker --queue URL` first, and pass the same DIR.',
  E026: 'The parts in {input} were written by different pipelines ({cause}). Merge parts of one pipeline: run the stale shards or jobs again, or move their parts away.',
  E027: 'Cannot use the queue {input}: {cause}. Start Redis (apt-get install redis-server) or fix the URL (redis://host:port[/db]).',
  E028: 'Invalid --shard {input}: {cause}. Give k/n with 1 ≤ k ≤ n, e.g. --shard 2/8 (Slurm: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT).',
  E029: 'The search index {input} has format {cause}, another version of cppcc-pipeline wrote it. Run `cppcc run` again with the same --out to rebuild it (stored documents are not processed again).',
  E030: 'Cannot read the row at line {line} of {input}: {cause}. The row is stored as failed and the rows after it are read; fix its quoting (a field with a quote mark must be quoted and its quotes doubled) and run again.',
  E031: '{input} is not a feed this reader accepts: {cause}. Save the feed again without a DTD.',
  E032: 'The front matter of {input} cannot be read: {cause}. Fix the YAML between the --- lines (or remove it).',
  E033: 'The data file {input} is invalid: {cause}. Fix it (git diff pipelines/ shows what changed) and run again; no document was read.',
  E034: '{input} was stopped: {cause} (the per-document budget in pipelines/budget.json). It is stored as failed and the run went on; if the file is genuine, raise the budget or split the file.',
  E035: 'No main text was found in {input} (read as {how}): every line is page furniture, markup or empty. If it does hold an article, save the page again, or add a site profile (pipelines/sites/) for its layout.',
  E018: 'No document matches "{input}". Give a doc_id (or its first characters) or a file name: cppcc sql "select doc_id, file from documents".',
  E036: 'Cannot listen on {input}: {cause}. Give another --port (0 picks a free one), or stop the program that holds it.',
  E037: 'The workbench runs one read-only statement (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN [ANALYZE] of one of them); it refuses {cause}. Run anything else with `cppcc sql` on the command line.',
  E038: 'The query was stopped after {limit} ms, the workbench\'s time limit. Narrow it (a WHERE clause, a smaller range), or start `cppcc serve --query-timeout-ms N`; `cppcc sql` has no limit.',
  E039: 'Request refused: {cause}. Open the workbench at {input} itself: it answers only its own pages, under its own address.',
  E040: 'The workbench is already running {input} SQL queries, its limit; try again when one ends (each stops within {limit} ms).',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class CppccError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(renderError(code, params));
    this.name = 'CppccError';
  }
}

export function renderError(code: ErrorCode, params: Record<string, string | number>): string {
  const body = ERRORS[code].replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `<${k}?>`));
  return `[${code}] ${body}`;
}

/** A one-line message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0];
  return String(err);
}
