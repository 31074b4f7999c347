import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Document } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { pipelinesPath } from '../util/paths.js';
import { FIELD_ROLES, type FieldMap, type FieldRole } from '../ingest/containers/fields.js';
import type { ReadOptions } from '../ingest/read.js';
import { siteProfiles } from '../sites/profiles.js';
import { STAGES } from './registry.js';
import type { RunContext, Stage } from './stage.js';

/** A user's export schema: for each role (body, title, date…), the field names their records use. */
const FieldNames = z.strictObject(Object.fromEntries(FIELD_ROLES.map((r) => [r, z.array(z.string().min(1)).optional()])) as Record<FieldRole, z.ZodOptional<z.ZodArray<z.ZodString>>>);

const PipelineFile = z.object({
  $comment: z.string().optional(),
  stages: z.array(z.string()).min(1),
  // Strict: a misspelt option (maxFileByte) is an error naming it, never silently ignored.
  options: z.strictObject({
    maxFileBytes: z.number().int().positive().optional(),
    fields: FieldNames.optional(),
  }).default({}),
});
const OPTION_KEYS = ['maxFileBytes', `fields (roles: ${FIELD_ROLES.join(', ')})`];

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
  return { file, stages, ctx: { options: { ...parsed.options, fields }, discovered: new Set<string>() } };
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

/** Labels the text itself marks as such (quoted, A+B, counted with a definition): worth remembering for the run. */
export function labelsOf(doc: Document): string[] {
  return ((doc.extracted.mechanisms ?? []) as { name: string; source: string }[]).filter((m) => m.source !== 'system' && m.name.length >= 2).map((m) => m.name);
}

function rememberLabels(doc: Document, ctx: RunContext): void {
  for (const n of labelsOf(doc)) ctx.discovered?.add(n);
}

/**
 * Run the stages over one document. A stage that throws, or a fatal flag, stops this document only:
 * it keeps its reason in `failed` and is still stored.
 */
export function runDocument(doc: Document, pipeline: Pipeline): Document {
  if (doc.failed) return doc;
  for (const stage of pipeline.stages) {
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
    if (stage.provides.includes('mechanisms')) rememberLabels(doc, pipeline.ctx);
    const fatal = doc.flags.find((f) => f.severity === 'fatal');
    if (fatal) {
      doc.failed = fatal.reason;
      return doc;
    }
  }
  return doc;
}
