import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CppccError, errorMessage } from '../model/errors.js';
import { packageRoot } from '../util/paths.js';

/** The schema version this code writes: schema.sql is version 1, each migrations/NNN_*.sql one more. */
export const SCHEMA_VERSION = 1 + migrationFiles().length;

function storeDir(): string {
  return join(packageRoot(), 'src', 'store');
}

/** Forward migrations in order: migrations/002_add_x.sql, 003_… */
function migrationFiles(): { version: number; file: string }[] {
  const dir = join(storeDir(), 'migrations');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^\d{3}_.*\.sql$/u.test(f)).sort().map((f) => ({ version: Number(f.slice(0, 3)), file: join(dir, f) }));
}

/**
 * Bring a database to SCHEMA_VERSION: a new one gets schema.sql (version 1), an older one each
 * migration above its version, in order, each recorded in schema_version. Views are recreated
 * every time. A database newer than this code is refused rather than written.
 */
async function migrate(connection: DuckDBConnection): Promise<void> {
  await connection.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)');
  const current = Number((await connection.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_version')).getRowObjects()[0].v);
  if (current > SCHEMA_VERSION) {
    throw new CppccError('E017', { input: 'database', cause: `schema version ${current}, this code knows up to ${SCHEMA_VERSION}` });
  }
  if (current < 1) {
    await connection.run(readFileSync(join(storeDir(), 'schema.sql'), 'utf8'));
    await connection.run('INSERT INTO schema_version (version) VALUES (1)');
  }
  for (const m of migrationFiles()) {
    if (m.version <= Math.max(current, 1)) continue;
    await connection.run('BEGIN TRANSACTION');
    await connection.run(readFileSync(m.file, 'utf8'));
    await connection.run(`INSERT INTO schema_version (version) VALUES (${m.version})`);
    await connection.run('COMMIT');
  }
  await connection.run(readFileSync(join(storeDir(), 'views.sql'), 'utf8'));
}

/** Quote an identifier for SQL (the one place identifiers are quoted). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface Store {
  connection: DuckDBConnection;
  /** Another connection to the same database: its own transaction, temp objects and interrupt. */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

/** A query's failure as E013 with DuckDB's whole message: its later lines hold the hint (Did you mean "mechanisms"?) and the caret. */
export function sqlError(e: unknown): CppccError {
  return new CppccError('E013', { cause: (e instanceof Error ? e.message : String(e)).trim() });
}

/** Open (creating if needed) the database and apply schema.sql. */
/** An operating-system refusal to write (full disk, file-size limit, read-only or forbidden folder). */
export function isWriteFailure(message: string): boolean {
  return /ENOSPC|EFBIG|EROFS|EACCES|EPERM|ENOTDIR|No space left|File too large|Read-only file system|Permission denied|Operation not permitted|Could not write/i.test(message);
}

export interface OpenOptions {
  readOnly?: boolean;
  /**
   * For queries typed by someone else (the web workbench): read-only, no file or network access from SQL
   * (read_csv, COPY, ATTACH, httpfs), and the settings locked so a query cannot turn access back on.
   */
  sandboxed?: boolean;
  /** What one sandboxed database may use: its memory (DuckDB's default is 80% of the machine's) and threads. */
  limits?: { memoryLimit: string; threads: number };
}

export async function openStore(path: string, opts: OpenOptions = {}): Promise<Store> {
  let instance: DuckDBInstance;
  // Settings apply in order: temp_directory only before external access is disabled, and every one before the lock.
  const config: Record<string, string> = {};
  // No spilling to disk: a query beyond the memory limit fails instead of filling the disk beside the run.
  if (opts.sandboxed) config.temp_directory = '';
  if (opts.readOnly || opts.sandboxed) config.access_mode = 'READ_ONLY';
  if (opts.sandboxed && opts.limits) Object.assign(config, { memory_limit: opts.limits.memoryLimit, threads: String(opts.limits.threads) });
  if (opts.sandboxed) Object.assign(config, { enable_external_access: 'false', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', lock_configuration: 'true' });
  try {
    instance = await DuckDBInstance.create(path, config);
  } catch (e) {
    const msg = errorMessage(e);
    if (/lock/i.test(msg)) {
      const pid = /PID (\d+)/.exec(msg);
      throw new CppccError('E024', { input: path, cause: pid ? `process ${pid[1]} holds its lock` : 'its lock is held' });
    }
    if (isWriteFailure(msg)) throw new CppccError('E023', { input: path, cause: msg });
    throw new CppccError('E001', { input: path, cause: msg });
  }
  const connection = await instance.connect();
  if (!opts.readOnly && !opts.sandboxed) await migrate(connection);
  return {
    connection,
    connect: () => instance.connect(),
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
