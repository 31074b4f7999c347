import type { DuckDBConnection } from '@duckdb/node-api';
import { CppccError } from '../model/errors.js';

/**
 * Table functions a typed query may call: making rows and reading the run's catalog. Everything else is
 * refused, whatever DuckDB adds: file readers (read_csv, glob), SQL runners that would skip this check
 * (query, query_table, json_execute_serialized_sql), state changers (checkpoint, enable_logging) and
 * functions that show paths or settings (duckdb_databases, duckdb_settings, duckdb_extensions).
 */
const TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'json_each', 'json_tree',
  'duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_schemas', 'duckdb_types', 'duckdb_constraints', 'duckdb_indexes',
  'duckdb_functions', 'duckdb_keywords', 'pragma_table_info',
]);

/** DuckDB's own views that describe the run's tables; its other internal views (duckdb_databases, pg_settings, …) are refused. */
const SHOWN_SYSTEM_VIEWS = new Set(['duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_schemas', 'duckdb_types', 'duckdb_constraints', 'duckdb_indexes']);

/** Scalar functions refused: current_setting shows the home, secret and extension directories. */
const SCALAR_FUNCTIONS_REFUSED = new Set(['current_setting']);

/** EXPLAIN's own words; what follows must be one SELECT. */
const EXPLAIN = /^\s*explain\s+(?:analy[sz]e\s+)?/iu;

type Json = Record<string, unknown>;
interface Serialized { error: boolean; error_message?: string; statements?: { node: Json }[] }

/** A typed statement that passed the checks: its text and DuckDB's parse of the SELECT in it. */
export interface CheckedStatement {
  text: string;
  node: Json;
  explain: boolean;
}

/** The internal views a query may not read, from DuckDB's own list (so views a later DuckDB adds are refused too). */
export async function hiddenSystemViews(connection: DuckDBConnection): Promise<Set<string>> {
  const rows = (await connection.runAndReadAll("SELECT DISTINCT lower(view_name) AS v FROM duckdb_views() WHERE internal AND schema_name <> 'information_schema'")).getRowObjects();
  return new Set(rows.map((r) => String(r.v)).filter((v) => !SHOWN_SYSTEM_VIEWS.has(v)));
}

async function serialize(connection: DuckDBConnection, text: string): Promise<Serialized> {
  const r = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS j', [text]);
  return JSON.parse(String(r.getRowObjects()[0].j)) as Serialized;
}

/** What a query names that it may not: table functions outside the list, hidden views, refused scalars. */
function refused(tree: unknown, hidden: Set<string>, out: Set<string>): Set<string> {
  if (Array.isArray(tree)) {
    for (const x of tree) refused(x, hidden, out);
  } else if (tree && typeof tree === 'object') {
    const o = tree as Json;
    const name = (v: unknown) => String(v ?? '').toLowerCase();
    if (o.type === 'TABLE_FUNCTION') {
      const f = name((o.function as Json | undefined)?.function_name);
      if (!TABLE_FUNCTIONS.has(f)) out.add(`the table function ${f}()`);
    } else if (o.type === 'BASE_TABLE' && hidden.has(name(o.table_name))) {
      out.add(`DuckDB's internal view ${name(o.table_name)}`);
    } else if (o.class === 'FUNCTION' && SCALAR_FUNCTIONS_REFUSED.has(name(o.function_name))) {
      out.add(`the function ${name(o.function_name)}()`);
    }
    for (const v of Object.values(o)) refused(v, hidden, out);
  }
  return out;
}

/**
 * Decide from DuckDB's own parse whether the SQL page may run `text`: exactly one statement, a SELECT
 * (DESCRIBE, SHOW and SUMMARIZE parse as one) or EXPLAIN of one, naming no refused function or view.
 * Nothing is bound or run before the statement passes. Errors keep DuckDB's whole message (E013).
 */
export async function checkStatement(connection: DuckDBConnection, text: string, hidden: Set<string>): Promise<CheckedStatement> {
  const count = (await connection.extractStatements(text)).count;
  if (count !== 1) throw new CppccError('E037', { cause: count ? `${count} statements (run them one at a time)` : 'an empty query' });
  let explain = false;
  let parsed = await serialize(connection, text);
  if (parsed.error && EXPLAIN.test(text)) {
    explain = true;
    parsed = await serialize(connection, text.replace(EXPLAIN, ''));
  }
  if (parsed.error || parsed.statements?.length !== 1) {
    const word = /^\s*([a-z_]+)/iu.exec(text.replace(EXPLAIN, ''))?.[1]?.toUpperCase();
    throw new CppccError('E037', { cause: word ? `${explain ? 'EXPLAIN of ' : ''}${word} statements` : 'a statement that does not start with one of them' });
  }
  const node = parsed.statements[0].node;
  const bad = refused(node, hidden, new Set());
  if (bad.size) throw new CppccError('E037', { cause: [...bad].join(', ') });
  // Binding it on its own (nothing runs) reports unknown names with the caret on the user's own lines,
  // not on the row-limit wrapper's.
  (await connection.prepare(text)).destroySync();
  return { text, node, explain };
}

/** A parse tree without its character positions, for comparing the same query at two places. */
const shape = (node: unknown) => JSON.stringify(node, (k, v: unknown) => (k === 'query_location' ? undefined : v));

/**
 * The statement with a row limit inside it (`SELECT … FROM (statement) LIMIT n`), so DuckDB stops after
 * n rows instead of producing them all for the page to cut; `clipChars` also casts every cell to text
 * cut to that length. The wrapped text must parse with the statement's own tree as its subquery (a
 * trailing comment or semicolon would not); if the typed text does not, DuckDB's rendering of the tree
 * is used. EXPLAIN is not wrapped: its answer is the plan, a few rows.
 */
export async function limitedSql(connection: DuckDBConnection, s: CheckedStatement, rows: number, clipChars?: number): Promise<string> {
  if (s.explain) return s.text;
  const select = clipChars ? `left(CAST(COLUMNS(*) AS VARCHAR), ${clipChars})` : '*';
  const wrap = (inner: string) => `SELECT ${select} FROM (\n${inner}\n) LIMIT ${rows}`;
  const inners = [
    async () => s.text.replace(/[\s;]+$/u, ''),
    async () => String((await connection.runAndReadAll('SELECT json_deserialize_sql(json_serialize_sql($1::VARCHAR)) AS t', [s.text])).getRowObjects()[0].t),
  ];
  for (const inner of inners) {
    const sql = wrap(await inner());
    const parsed = await serialize(connection, sql);
    const from = parsed.statements?.length === 1 ? (parsed.statements[0].node.from_table as Json | undefined) : undefined;
    const subquery = (from?.subquery as { node?: unknown } | undefined)?.node;
    if (!parsed.error && from?.type === 'SUBQUERY' && shape(subquery) === shape(s.node)) return sql;
  }
  throw new CppccError('E037', { cause: 'a statement that cannot be given a row limit' });
}
