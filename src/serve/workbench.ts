import type { LoadedIndex } from '../search/query.js';
import type { WorkbenchDb } from './db.js';

/** What every page reads: the run's database (sandboxed, a connection per request) and its search index. */
export interface Workbench {
  db: WorkbenchDb;
  index: LoadedIndex;
  documents: number;
  /** This server's form token (see guard.ts). */
  token: string;
  /** DuckDB's internal views a typed query may not read. */
  hiddenViews: Set<string>;
}
