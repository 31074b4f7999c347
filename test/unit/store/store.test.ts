import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE, runCorpus } from '../../../src/pipeline/runCorpus.js';
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
