import { CppccError, errorMessage } from '../../model/errors.js';
import { contentKind, failedItem, item, type ItemContext, type RawItem } from '../item.js';
import { describeFields, type FieldMap, fieldNames, recordFields, recordsOf } from './fields.js';

/** One record of an export: its article and metadata, or E007 naming the fields it does have. */
export function recordItem(ctx: ItemContext, rec: unknown, index: number | null, user: FieldMap, where: string): RawItem {
  const tried = fieldNames(user).body.join(', ');
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    return failedItem(ctx, new CppccError('E007', { input: where, fields: tried, found: Array.isArray(rec) ? 'an array, not a record' : `a ${rec === null ? 'null' : typeof rec} value, not a record` }), index);
  }
  const r = rec as Record<string, unknown>;
  const f = recordFields(r, user);
  if (!f) {
    const has = describeFields(r);
    return failedItem(ctx, new CppccError('E007', { input: where, fields: tried, found: has.length ? `fields ${has.slice(0, 30).join(', ')}` : 'no fields' }), index, JSON.stringify(r).slice(0, 200));
  }
  return item(ctx, f.body, contentKind(f.body), f.meta, index);
}

/** A JSON file: one record, an array of records, or an envelope holding the array. */
export function readJson(ctx: ItemContext, text: string, user: FieldMap): RawItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [failedItem(ctx, new CppccError('E004', { input: ctx.path, cause: errorMessage(e) }))];
  }
  const { records, envelope } = recordsOf(data, user);
  if (!records.length) return [failedItem(ctx, new CppccError('E019', { input: ctx.path }))];
  const many = Array.isArray(data) || envelope !== null;
  return records.map((r, i) => recordItem(ctx, r, many ? i : null, user, many ? `${ctx.path} ${envelope ?? 'record'} ${i}` : ctx.path));
}

/** JSON lines: one record a line; a line that is not JSON is its own failed item, the others are read. */
export function readJsonLines(ctx: ItemContext, text: string, user: FieldMap): RawItem[] {
  const out: RawItem[] = [];
  text.split(/\r?\n/u).forEach((line, i) => {
    if (!line.trim()) return;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      out.push(failedItem(ctx, new CppccError('E004', { input: `${ctx.path} line ${i + 1}`, cause: errorMessage(e) }), i, line));
      return;
    }
    out.push(recordItem(ctx, rec, i, user, `${ctx.path} line ${i + 1}`));
  });
  return out.length ? out : [failedItem(ctx, new CppccError('E019', { input: ctx.path }))];
}
