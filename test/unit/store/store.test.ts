import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE, runCorpus } from '../../../src/run/runCorpus.js';
import { openStore } from '../../../src/store/duckdb.js';
import { SEEDS } from '../../helpers/docs.js';
import { rowCounts } from '../../helpers/store.js';

describe('store', () => {
  const out = mkdtempSync(join(tmpdir(), 'cppcc-store-'));
  const db = join(out, DB_FILE);

  it('store: a run stores every seed with provenance, and a second run gives the same row counts', async () => {
    const first = await runCorpus({ inputs: [SEEDS], out });
    expect(first.documents).toBe(5);
    const a = await rowCounts(out);
    expect(a.documents).toBe(5);
    expect(a.mechanisms).toBeGreaterThan(10);
    await runCorpus({ inputs: [SEEDS], out });
    expect(await rowCounts(out)).toEqual(a);
  });

  it('store: every extracted row carries offsets whose text slice is its surface, and an evidence sentence', async () => {
    const store = await openStore(db, { readOnly: true });
    try {
      const rows = (await store.connection.runAndReadAll(
        `SELECT m.surface, substr(d.text, m.start + 1, m."end" - m.start) AS slice, m.evidence, substr(d.original, m.orig_start + 1, m.orig_end - m.orig_start) AS orig
         FROM mechanisms m JOIN documents d USING (doc_id)`)).getRowObjectsJson() as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(10);
      for (const r of rows) {
        expect(r.slice).toBe(r.surface);
        expect(r.evidence).toContain(r.surface);
        expect(r.orig.length).toBeGreaterThan(0);
      }
    } finally {
      store.close();
    }
  });

  it('store: Traditional evidence maps back to the published form through orig offsets', async () => {
    const store = await openStore(db, { readOnly: true });
    try {
      const [r] = (await store.connection.runAndReadAll(
        `SELECT substr(d.original, m.orig_start + 1, m.orig_end - m.orig_start) AS orig FROM mechanisms m JOIN documents d USING (doc_id) WHERE m.name = '四个一'`,
      )).getRowObjectsJson() as Record<string, string>[];
      expect(r.orig).toBe('“四個一”指導(dǎo)活動');
    } finally {
      store.close();
    }
  });
});

describe('store: tokens', () => {
  it('store: every token row is its slice of the text, in order, even with quotes, backslashes and control characters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-tokens-'));
    const file = join(dir, 'odd.json');
    // A JSON export can carry any character into the text; tokens travel to DuckDB as JSON arrays.
    writeFileSync(file, JSON.stringify({ title: '测试', content: '政协委员说"四个一"\\很好\u001f，全国政协\t召开\u0001会议。' }));
    await runCorpus({ inputs: [file], out: dir, workers: 1 });
    const store = await openStore(join(dir, DB_FILE), { readOnly: true });
    try {
      const [doc] = (await store.connection.runAndReadAll('SELECT text FROM documents')).getRowObjectsJson() as { text: string }[];
      const tokens = (await store.connection.runAndReadAll('SELECT idx, token, start, "end" FROM tokens ORDER BY idx')).getRowObjectsJson() as { idx: number; token: string; start: number; end: number }[];
      expect(doc.text).toContain('"');
      expect(doc.text).toContain('\\');
      expect(tokens.length).toBeGreaterThan(5);
      tokens.forEach((t, i) => {
        expect(t.idx).toBe(i);
        expect(t.token).toBe(doc.text.slice(t.start, t.end));
      });
      expect(tokens.some((t) => t.token.includes('\\'))).toBe(true);
    } finally {
      store.close();
    }
  });
});

describe('store: schema versions', () => {
  it('store: a database newer than the code is refused with E017, not written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-schema-'));
    const db = join(dir, DB_FILE);
    const s = await openStore(db);
    await s.connection.run('INSERT INTO schema_version (version) VALUES (99)');
    s.close();
    await expect(openStore(db)).rejects.toThrow(/\[E017\].*schema version 99/u);
  });
});
