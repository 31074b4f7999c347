/** Rows to text for stdout: an aligned table, CSV, JSON or JSON lines. */
export type RowFormat = 'table' | 'csv' | 'json' | 'jsonl';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Pad on the left to a display width, so concordance contexts line up at the keyword. */
export function padStartWidth(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}

const MAX_CELL = 60;

/**
 * Cells a spreadsheet would run as a formula (OWASP's CSV-injection list: = + - @, tab, carriage
 * return) unless they are plain numbers (-3.5 stays a number). Written as RE2 and JavaScript alike:
 * `cppcc export` applies the same test inside DuckDB.
 */
export const FORMULA_START = '^[=+\\-@\\t\\r]';
export const PLAIN_NUMBER = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$';
const formula = new RegExp(FORMULA_START, 'u');
const number = new RegExp(PLAIN_NUMBER, 'u');

/** A text cell made safe to open in a spreadsheet: a would-be formula gets a leading ' (shown as text, the quote hidden). */
export function neutraliseFormula(s: string): string {
  return formula.test(s) && !number.test(s) ? `'${s}` : s;
}

/** One CSV line: cells quoted where they hold a quote, comma or line break, would-be formulas neutralised. */
export function csvLine(values: unknown[]): string {
  return values.map((v) => {
    const s = neutraliseFormula(cell(v));
    return /[",\n\r]/u.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',');
}

export function formatRows(rows: Record<string, unknown>[], format: RowFormat, columns = rows.length ? Object.keys(rows[0]) : []): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2);
    case 'jsonl':
      return rows.map((r) => JSON.stringify(r)).join('\n');
    case 'csv':
      return [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c])))].join('\n');
    case 'table': {
      const clip = (s: string) => {
        const one = s.replace(/[^\S ]+/gu, ' ');
        return one.length > MAX_CELL ? one.slice(0, MAX_CELL - 1) + '…' : one;
      };
      const cells = rows.map((r) => columns.map((c) => clip(cell(r[c]))));
      const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((row) => width(row[i]))));
      const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
      const line = (xs: string[]) => xs.map((x, i) => pad(x, widths[i])).join('  ').trimEnd();
      return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n');
    }
  }
}
