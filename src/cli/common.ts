import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { FIELD_ROLES, type FieldMap, type FieldRole } from '../ingest/containers/fields.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { DB_FILE } from '../run/runCorpus.js';

export const DEFAULT_OUT = 'output';

/** Logs and progress go to stderr; stdout carries data only. */
export function log(msg: string): void {
  process.stderr.write(msg + '\n');
}

/** The database of a run folder, or E012 when no run is there. */
export function runDatabase(out: string): string {
  const db = join(resolve(out), DB_FILE);
  if (!existsSync(db)) throw new CppccError('E012', { input: resolve(out) });
  return db;
}

/** A commander parser for a choice option that names the allowed values in its error. */
export function choice<T extends string>(key: string, allowed: readonly T[]) {
  return (v: string): T => {
    if (!allowed.includes(v as T)) throw new InvalidArgumentError(`${v} is not one of ${allowed.join(', ')} (${key})`);
    return v as T;
  };
}

/**
 * --field role=name (repeatable): the user's own export schema, e.g. --field body=article_html --field
 * date=发稿时间. Names given this way are tried before the pipeline file's and the defaults.
 */
export function fieldOption(v: string, prev: FieldMap = {}): FieldMap {
  const m = /^([^=]+)=(.+)$/u.exec(v);
  const role = m?.[1].trim() as FieldRole | undefined;
  if (!m || !role || !FIELD_ROLES.includes(role)) throw new InvalidArgumentError(`${v} is not role=name with a role of ${FIELD_ROLES.join(', ')} (--field)`);
  const names = m[2].split(',').map((n) => n.trim()).filter(Boolean);
  return { ...prev, [role]: [...(prev[role] ?? []), ...names] };
}

export const FIELD_HELP = `a field of your export schema, role=name (roles: ${FIELD_ROLES.join(', ')}); repeatable, tried before the known names`;

export function positiveInt(key: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${v} is not a positive whole number (${key})`);
    return n;
  };
}

/** Exit codes: 0 ok, 1 the command ran but failed (bad SQL, documents failed with --strict), 2 usage or setup error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Run a command body; a CppccError or any error becomes one line on stderr and an exit code, never a stack trace. */
export async function guard(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? EXIT.ok;
  } catch (e) {
    log(e instanceof CppccError ? e.message : `error: ${errorMessage(e)}`);
    process.exitCode = e instanceof CppccError && e.code === 'E013' ? EXIT.failed : EXIT.usage;
  }
}
