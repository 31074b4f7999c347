import { availableParallelism } from 'node:os';

/** What the workbench's DuckDB may use; `cppcc serve` options override the first two. */
export interface WorkbenchLimits {
  /** Every query (SQL page, search, document, mechanism) is interrupted after this long. */
  queryTimeoutMs: number;
  /** DuckDB's memory_limit for the workbench's database. */
  memoryLimit: string;
  /** DuckDB's worker threads. */
  threads: number;
}

/**
 * 30 s: a group-by over every token of the 10,000-document benchmark run (15 M rows) takes 0.75 s on one
 * thread of the 2-core benchmark machine, so honest queries over runs many times that size finish well
 * inside it, and a runaway one holds its connection for half a minute at most.
 */
export const QUERY_TIMEOUT_MS = 30_000;

/**
 * 1 GB: that group-by runs within it, and DuckDB's default (80% of the machine's memory) would let one
 * query push the browser and the desktop into swap.
 */
export const MEMORY_LIMIT = '1GB';

/** All cores but one, so a runaway query leaves a core to the other pages and the browser. */
export const THREADS = Math.max(1, availableParallelism() - 1);

/**
 * SQL-page queries running at once. DuckDB runs each query on a thread of libuv's pool (4 by default);
 * two leave the other two to the search, document and mechanism pages whatever the SQL page runs.
 */
export const SQL_MAX_RUNNING = 2;

/** Rows shown on the SQL page: a screen of scrolling; the CSV download has more. */
export const SQL_PAGE_ROWS = 500;

/** Characters of one cell shown on the SQL page (a document's text is cut): 1,000 is a few paragraphs. */
export const SQL_CELL_CHARS = 1000;

/** Rows of a CSV download: a spreadsheet's 1,048,576 rows less the header; more is `cppcc sql --format csv`. */
export const CSV_MAX_ROWS = 1_048_575;

/** A posted query's size: a long query is a few KB; 100 KB leaves room for a pasted list of ids. */
export const SQL_MAX_BYTES = 100_000;

export const DEFAULT_LIMITS: WorkbenchLimits = { queryTimeoutMs: QUERY_TIMEOUT_MS, memoryLimit: MEMORY_LIMIT, threads: THREADS };
