import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type Document, makeDocument } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { loadJson } from '../util/data.js';
import { pipelinesPath } from '../util/paths.js';
import { FIELD_ROLES, type FieldMap, type FieldRole } from '../ingest/containers/fields.js';
import type { ReadOptions } from '../ingest/read.js';
import { siteProfiles } from '../sites/profiles.js';
import { STAGES } from './registry.js';
import type { RunContext, Stage } from '../model/stage.js';

/** A user's export schema: for each role (body, title, date…), the field names their records use. */
const FieldNames = z.strictObject(Object.fromEntries(FIELD_ROLES.map((r) => [r, z.array(z.string().min(1)).optional()])) as Record<FieldRole, z.ZodOptional<z.ZodArray<z.ZodString>>>);

const PipelineFile = z.object({
  $comment: z.string().optional(),
  stages: z.array(z.string()).min(1),
  // Strict: a misspelt option (maxFileByte) is an error naming it, never silently ignored.
  options: z.strictObject({
    maxFileBytes: z.number().int().positive().optional(),
    fields: FieldNames.optional(),
    // The per-document budget, when a corpus needs another than pipelines/budget.json's.
    documentMs: z.number().int().positive().optional(),
    workerHeapMb: z.number().int().min(64).optional(),
  }).default({}),
});
const OPTION_KEYS = ['maxFileBytes', `fields (roles: ${FIELD_ROLES.join(', ')})`, 'documentMs', 'workerHeapMb'];

/** Files above this size are refused unread unless the pipeline file sets maxFileBytes. */
export const DEFAULT_MAX_FILE_BYTES = 20_000_000;

/** Settings given on the command line for one run, on top of the pipeline file's options. */
export interface PipelineOverrides {
  /** Field names tried before the pipeline file's and the defaults (cppcc run --field body=article_html). */
  fields?: FieldMap;
}

export interface Pipeline {
  file: string;
  stages: Stage[];
  ctx: RunContext;
}

/** What a freshly ingested document already has. */
const INGEST_PROVIDES = ['raw'];

/** Load and check a pipeline file: known stage ids, every requirement provided by an earlier stage. */
export function loadPipeline(file = pipelinesPath('default.json'), overrides: PipelineOverrides = {}): Pipeline {
  let parsed;
  try {
    parsed = PipelineFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    const cause = e instanceof z.ZodError
      ? e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}${i.path[0] === 'options' ? ` (known options: ${OPTION_KEYS.join(', ')})` : ''}`).join('; ')
      : errorMessage(e);
    throw new CppccError('E009', { input: file, cause, stages: [...STAGES.keys()].join(', ') });
  }
  // Site profiles are read by the main-text stage; a bad one must stop the run here, once, naming its key,
  // not fail every HTML document.
  siteProfiles();
  const stages: Stage[] = [];
  const have = new Set(INGEST_PROVIDES);
  for (const id of parsed.stages) {
    const stage = STAGES.get(id);
    if (!stage) throw new CppccError('E009', { input: file, cause: `unknown stage "${id}"`, stages: [...STAGES.keys()].join(', ') });
    for (const r of stage.requires) if (!have.has(r)) throw new CppccError('E010', { stage: id, requires: r, input: file });
    stage.provides.forEach((p) => have.add(p));
    stages.push(stage);
  }
  const fields = mergeFields(overrides.fields ?? {}, parsed.options.fields ?? {});
  const pipeline = { file, stages, ctx: { options: { ...parsed.options, fields } } };
  checkData(pipeline);
  return pipeline;
}

/** What one document may cost: the pipeline file's options, else pipelines/budget.json. */
export function budgetOf(pipeline: Pipeline): { documentMs: number; workerHeapMb: number } {
  const d = loadJson<{ documentMs: number; workerHeapMb: number }>('budget.json');
  const o = pipeline.ctx.options as { documentMs?: number; workerHeapMb?: number };
  return { documentMs: o.documentMs ?? d.documentMs, workerHeapMb: o.workerHeapMb ?? d.workerHeapMb };
}

/** A sentence that reaches every stage: a body, an org, a number with a unit. */
const DATA_CHECK_TEXT = '市政协召开常委会议，全年共收到提案512件。';

/**
 * Every data file under pipelines/ parses, and every stage runs on one sentence with the data it loads,
 * before any document is read: a broken data file (a stray comma in extract/metrics.json, a bad pattern)
 * stops the run with exit 2 naming it, instead of failing every document of a run that exits 0.
 */
function checkData(pipeline: Pipeline): void {
  for (const rel of jsonFilesUnder(pipelinesPath())) loadJson(...rel.split('/'));
  const doc = makeDocument('data-check', { path: 'data-check.txt', file: 'data-check.txt', item: null, format: 'txt', content: 'text', encoding: 'utf-8', sha256: '', bytes: 0 }, DATA_CHECK_TEXT);
  const ctx = { ...pipeline.ctx };
  for (const stage of pipeline.stages) {
    try {
      stage.run(doc, ctx);
    } catch (e) {
      if (e instanceof CppccError && e.code === 'E033') throw e;
      throw new CppccError('E033', { input: `the data stage ${stage.id} reads (pipelines/)`, cause: errorMessage(e) });
    }
  }
}

/** Paths of the JSON files under a folder, relative to it, with / separators. */
function jsonFilesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonFilesUnder(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.json') ? [`${prefix}${e.name}`] : []));
}

/** Two schemas as one: the first one's names are tried first. */
function mergeFields(first: FieldMap, then: FieldMap): FieldMap {
  const out: FieldMap = {};
  for (const r of FIELD_ROLES) {
    const names = [...(first[r] ?? []), ...(then[r] ?? [])];
    if (names.length) out[r] = [...new Set(names)];
  }
  return out;
}

/** What reading an input file needs from the pipeline: the size limit and the user's field names. */
export function readOptionsOf(pipeline: Pipeline): ReadOptions {
  return { maxBytes: Number(pipeline.ctx.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES), fields: pipeline.ctx.options.fields as FieldMap | undefined };
}

/**
 * Run the stages over one document. A stage that throws, or a fatal flag, stops this document only:
 * it keeps its reason in `failed` and is still stored.
 */
export function runDocument(doc: Document, pipeline: Pipeline): Document {
  if (doc.failed) return doc;
  const started = performance.now();
  const budgetMs = budgetOf(pipeline).documentMs;
  for (const stage of pipeline.stages) {
    // Between stages the budget is checked here; a thread of the pool is also stopped inside one (processor.ts).
    if (performance.now() - started > budgetMs) {
      const err = new CppccError('E034', { input: doc.source.file, cause: `it ran longer than ${budgetMs} ms (stopped before ${stage.id})` });
      doc.failed = err.message;
      doc.flags.push({ ruleId: 'budget.exceeded', by: stage.id, severity: 'fatal', reason: err.message });
      return doc;
    }
    const t0 = performance.now();
    try {
      const out = stage.run(doc, pipeline.ctx);
      if (out !== doc) throw new Error(`stage returned ${typeof out} instead of the document`);
    } catch (e) {
      const err = e instanceof CppccError ? e : new CppccError('E005', { stage: stage.id, input: doc.source.file, cause: errorMessage(e) });
      doc.failed = err.message;
      doc.flags.push({ ruleId: 'stage.error', by: stage.id, severity: 'fatal', reason: err.message });
      return doc;
    }
    const rec = doc.trace.find((r) => r.stage === stage.id);
    const ms = performance.now() - t0;
    if (rec) rec.ms = ms;
    else doc.trace.push({ stage: stage.id, ms });
    const fatal = doc.flags.find((f) => f.severity === 'fatal');
    if (fatal) {
      doc.failed = fatal.reason;
      return doc;
    }
  }
  return doc;
}
