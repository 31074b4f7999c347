/**
 * Parquet parts: what a shard or a queue job writes instead of a database, one folder per batch of
 * documents with one Parquet file per table (DuckDB's COPY) and a part.json. A part appears whole or
 * not at all (written under a dot-name, then renamed), so a worker killed mid-write leaves nothing a merge
 * would read; a batch written twice (a job retried after its worker died) replaces its own folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Document } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { openStore } from '../store/duckdb.js';
import { DOCUMENT_TABLES, writeBatch } from '../store/write.js';
import { sha256 } from '../util/hash.js';

export const PART_MANIFEST = 'part.json';

const PartManifest = z.object({
  part: z.string(),
  pipeline_hash: z.string(),
  run_id: z.string(),
  documents: z.number().int().nonnegative(),
  written_at: z.string(),
  written_by: z.string(),
});
export type PartManifest = z.infer<typeof PartManifest>;

/** A part name that is safe as a folder name whatever the job id or shard label it comes from. */
export function partName(label: string): string {
  return label.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_');
}

/** Parts of a set of documents are named by their ids, so the same batch always lands in the same folder. */
export function batchPartName(prefix: string, docs: Document[]): string {
  return partName(`${prefix}-${sha256(docs.map((d) => d.id).join(',')).slice(0, 12)}`);
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Writes one part: the documents' rows of every table, as the database would hold them. */
export async function writePart(partsDir: string, part: string, docs: Document[], runId: string, pipelineHash: string): Promise<PartManifest> {
  const root = resolve(partsDir);
  const final = join(root, part);
  // Once per process and folder: a parts folder holds thousands of parts, and each batch writes one.
  if (!cleaned.has(root)) { cleaned.add(root); removeStaleTemporaries(root); }
  const tmp = join(root, `.tmp-${part}-${process.pid}-${sha256(String(Math.random())).slice(0, 6)}`);
  const manifest: PartManifest = {
    part, pipeline_hash: pipelineHash, run_id: runId, documents: new Set(docs.map((d) => d.id)).size,
    written_at: new Date().toISOString(), written_by: `${hostname()}:${process.pid}`,
  };
  try {
    mkdirSync(tmp, { recursive: true });
    const store = await openStore(':memory:');
    try {
      await writeBatch(store, docs, runId, pipelineHash);
      for (const t of DOCUMENT_TABLES) await store.connection.run(`COPY (SELECT * FROM ${t}) TO ${sqlString(join(tmp, `${t}.parquet`))} (FORMAT parquet)`);
    } finally {
      store.close();
    }
    writeFileSync(join(tmp, PART_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    // Same batch, same rows: a part already there (from a retried job) is replaced by this identical one.
    if (existsSync(final)) rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
  } catch (e) {
    try {
      rmSync(tmp, { recursive: true, force: true });
    } catch {
      // The folder may never have been made (the parts path is unusable); the first error is the one to report.
    }
    if (e instanceof CppccError) throw e;
    throw new CppccError('E023', { input: final, cause: errorMessage(e) });
  }
  return manifest;
}

/** The complete parts in a folder (half-written ones, under dot-names, are left out). */
export function listParts(partsDir: string): { dir: string; manifest: PartManifest }[] {
  const root = resolve(partsDir);
  if (!existsSync(root)) throw new CppccError('E025', { input: root, cause: 'the folder does not exist' });
  const parts: { dir: string; manifest: PartManifest }[] = [];
  for (const name of readdirSync(root).sort()) {
    if (name.startsWith('.')) continue;
    const file = join(root, name, PART_MANIFEST);
    if (!existsSync(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      raw = { error: errorMessage(e) };
    }
    const parsed = PartManifest.safeParse(raw);
    if (!parsed.success) throw new CppccError('E025', { input: file, cause: `a damaged ${PART_MANIFEST} (${parsed.error.issues[0]?.message}); write that part again or move it away` });
    parts.push({ dir: join(root, name), manifest: parsed.data });
  }
  if (!parts.length) throw new CppccError('E025', { input: root, cause: `no folder with a ${PART_MANIFEST}` });
  return parts;
}

/**
 * A temporary part folder older than this was left by a killed writer: a part is written in seconds, so an
 * hour never catches one being written on another machine of a shared filesystem.
 */
const STALE_TMP_MS = 3_600_000;
const cleaned = new Set<string>();

/** Removes the temporary folders killed writers left (.tmp-<part>-<pid>-…); returns how many. */
export function removeStaleTemporaries(partsDir: string, now = Date.now()): number {
  const root = resolve(partsDir);
  if (!existsSync(root)) return 0;
  let n = 0;
  for (const name of readdirSync(root)) {
    if (!name.startsWith('.tmp-')) continue;
    const path = join(root, name);
    if (now - statSync(path).mtimeMs < STALE_TMP_MS) continue;
    rmSync(path, { recursive: true, force: true });
    n++;
  }
  return n;
}

/** Removes the parts whose names start with a prefix (a shard run replaces its own earlier parts). */
export function removeParts(partsDir: string, prefix: string): number {
  const root = resolve(partsDir);
  if (!existsSync(root)) return 0;
  let n = 0;
  for (const name of readdirSync(root)) {
    if (name.startsWith(prefix)) {
      rmSync(join(root, name), { recursive: true, force: true });
      n++;
    }
  }
  return n;
}
