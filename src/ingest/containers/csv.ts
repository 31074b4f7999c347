import { parse } from 'csv-parse/sync';
import { CppccError, errorMessage } from '../../model/errors.js';
import { loadJson } from '../../util/data.js';
import { failedItem, type ItemContext, type RawItem } from '../item.js';
import type { FieldMap } from './fields.js';
import { recordItem } from './json.js';

interface CsvData { maxRecordBytes: number }

/** The delimiter of a CSV/TSV file: tab for .tsv, else whichever of , ; tab the header line uses most. */
function delimiterOf(header: string, tsv: boolean): string {
  if (tsv) return '\t';
  const counts = [',', '\t', ';'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

interface Parsed { records: { record: Record<string, string>; line: number }[]; error: { line: number; cause: string } | null }

/** Parse until the first record that cannot be read; records before it are kept with their first line. */
function parseFrom(text: string, columns: string[], delimiter: string, firstLine: number, maxRecordBytes: number): Parsed {
  const records: Parsed['records'] = [];
  let lastLine = firstLine - 1;
  try {
    parse(text, {
      columns, delimiter, bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: maxRecordBytes,
      on_record: (r: { record: Record<string, string>; info: { lines: number } }) => {
        records.push({ record: r.record, line: lastLine + 1 });
        lastLine = firstLine - 1 + r.info.lines;
        return null;
      },
    });
    return { records, error: null };
  } catch (e) {
    return { records, error: { line: lastLine + 1, cause: errorMessage(e) } };
  }
}

/**
 * CSV or TSV with a header row, one document a row (its item index is the row's place, 0 for the first row under the header) (the body field holds the article, as text or HTML).
 * A row that cannot be parsed (a quote never closed) is reported with its line, and reading goes on at the
 * next line, so one broken row never loses the rows after it.
 */
export function readCsv(ctx: ItemContext, text: string, user: FieldMap, tsv: boolean): RawItem[] {
  const { maxRecordBytes } = loadJson<{ csv: CsvData }>('ingest', 'containers.json').csv;
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const headerAt = lines.findIndex((l) => l.trim());
  if (headerAt < 0) return [failedItem(ctx, new CppccError('E019', { input: ctx.path }))];
  const delimiter = delimiterOf(lines[headerAt], tsv);
  let columns: string[];
  try {
    columns = (parse(lines[headerAt], { delimiter, relax_quotes: true }) as string[][])[0].map((c) => c.trim());
  } catch (e) {
    return [failedItem(ctx, new CppccError('E030', { input: ctx.path, line: headerAt + 1, cause: `the header row cannot be read (${errorMessage(e)})` }))];
  }
  const out: RawItem[] = [];
  let next = headerAt + 1;
  while (next < lines.length) {
    const r = parseFrom(lines.slice(next).join('\n'), columns, delimiter, next + 1, maxRecordBytes);
    for (const { record, line } of r.records) out.push(recordItem(ctx, record, out.length, user, `${ctx.path} line ${line}`));
    if (!r.error) break;
    out.push(failedItem(ctx, new CppccError('E030', { input: ctx.path, line: r.error.line, cause: r.error.cause }), out.length, lines[r.error.line - 1] ?? ''));
    next = r.error.line;
  }
  return out.length ? out : [failedItem(ctx, new CppccError('E019', { input: ctx.path }))];
}
