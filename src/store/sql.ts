/** SQL text built in code: the one place string literals are quoted. */

/** A string as an SQL literal: 'it''s'. */
export function sqlLiteral(s: string): string {
  return `'${s.replace(/'/gu, "''")}'`;
}

/** Strings as an SQL list for IN (…): 'a','b'. */
export function sqlList(xs: Iterable<string>): string {
  return [...xs].map(sqlLiteral).join(',');
}
