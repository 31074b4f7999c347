import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CppccError, errorMessage } from '../model/errors.js';
import { packageRoot } from '../util/paths.js';

export const SCHEMA_VERSION = 1;

/** Quote an identifier for SQL (the one place identifiers are quoted). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface Store {
  connection: DuckDBConnection;
  close(): void;
}

/** Open (creating if needed) the database and apply schema.sql. */
export async function openStore(path: string, opts: { readOnly?: boolean } = {}): Promise<Store> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, opts.readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (e) {
    const msg = errorMessage(e);
    const hint = /lock/i.test(msg) ? 'another process holds the database; wait for it or use another --out' : msg;
    throw new CppccError('E001', { input: path, cause: hint });
  }
  const connection = await instance.connect();
  if (!opts.readOnly) {
    const sql = readFileSync(join(packageRoot(), 'src', 'store', 'schema.sql'), 'utf8');
    await connection.run(sql);
    const v = await connection.runAndReadAll('SELECT max(version) AS v FROM schema_version');
    if (v.getRowObjects()[0]?.v === null) await connection.run(`INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION})`);
  }
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
