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

export function formatRows(rows: Record<string, unknown>[], format: RowFormat, columns = rows.length ? Object.keys(rows[0]) : []): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2);
    case 'jsonl':
      return rows.map((r) => JSON.stringify(r)).join('\n');
    case 'csv': {
      const q = (s: string) => (/[",\n\r]/u.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      return [columns.map(q).join(','), ...rows.map((r) => columns.map((c) => q(cell(r[c]))).join(','))].join('\n');
    }
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
