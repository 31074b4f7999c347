import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/duckdb.js';
import { DOCUMENT_SPECS } from '../../../src/store/tables.js';

describe('store schema', () => {
  it('a database built by schema.sql and its migrations has exactly the columns of the table specs, in order and type', async () => {
    const store = await openStore(':memory:');
    try {
      for (const spec of DOCUMENT_SPECS) {
        const rows = (await store.connection.runAndReadAll(`DESCRIBE ${spec.name}`)).getRowObjects() as { column_name: string; column_type: string }[];
        expect(rows.map((r) => `${r.column_name} ${r.column_type}`), spec.name).toEqual(spec.columns.map((c) => `${c.name} ${c.type}`));
      }
    } finally {
      store.close();
    }
  });

  it('every column says what it holds', () => {
    for (const spec of DOCUMENT_SPECS) for (const c of spec.columns) expect(c.about.length, `${spec.name}.${c.name}`).toBeGreaterThan(5);
  });
});

describe('store offsets in SQL', () => {
  it('code-point offsets cut out every span\'s surface with substr, also after characters outside the BMP', async () => {
    const { processText } = await import('../../helpers/docs.js');
    const { writeBatch } = await import('../../../src/store/write.js');
    const doc = processText('𠮷𠮷市政协全年共收到提案512件，𠮷立案486件。\n县政协召开“四个一”活动推进会。\n');
    const store = await openStore(':memory:');
    try {
      await writeBatch(store, [doc], 'r', 'h');
      for (const t of ['metrics', 'mechanisms', 'mechanism_mentions', 'orgs']) {
        const rows = (await store.connection.runAndReadAll(`SELECT substr(d.text, x.cp_start + 1, x.cp_end - x.cp_start) AS cut, x.start, x."end", d.text FROM ${t} x JOIN documents d USING (doc_id)`)).getRowObjects() as { cut: string; start: number; end: number; text: string }[];
        expect(rows.length, t).toBeGreaterThan(0);
        for (const r of rows) expect(r.cut, t).toBe(r.text.slice(r.start, r.end));
      }
    } finally {
      store.close();
    }
  });
});
