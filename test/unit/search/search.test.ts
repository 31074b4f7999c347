import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE, runCorpus } from '../../../src/run/runCorpus.js';
import { INDEX_FILE } from '../../../src/search/buildIndex.js';
import { englishNameTable, expandQuery, loadIndex, search } from '../../../src/search/query.js';
import { SEEDS } from '../../helpers/docs.js';

describe('search', () => {
  const out = mkdtempSync(join(tmpdir(), 'cppcc-search-'));
  beforeAll(async () => {
    await runCorpus({ inputs: [SEEDS], out });
  });
  const names = englishNameTable([]);

  it.each(['four ones', '四个一', '四個一', 'Four Ones'])('search: "%s" lists the 隆安县 article first', (q) => {
    const loaded = loadIndex(join(out, INDEX_FILE), join(out, DB_FILE));
    const { hits } = search(loaded, q, names);
    expect(hits[0]?.file).toBe('001_afa596b124acd061.txt');
    // Hits carry the document's id (the index itself refers to documents by short ordinals).
    expect(hits[0]?.doc_id).toMatch(/^[0-9a-f]{16}$/u);
  });

  it('search: 两个全覆盖 finds the three documents that use it', () => {
    const { hits } = search(loadIndex(join(out, INDEX_FILE), join(out, DB_FILE)), '兩個全覆蓋', names);
    expect(hits.map((h) => h.file.slice(0, 3)).sort()).toEqual(['000', '002', '003']);
  });

  it('search: an English name expands to the Simplified label', () => {
    expect(expandQuery('two full coverages', names).names).toContain('两个全覆盖');
  });
});

describe('search: stale index', () => {
  it('search: an index older than its database is reported (E014), never served', async () => {
    const { utimesSync } = await import('node:fs');
    const out = mkdtempSync(join(tmpdir(), 'cppcc-stale-'));
    await runCorpus({ inputs: [SEEDS], out });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(out, DB_FILE), later, later);
    expect(() => loadIndex(join(out, INDEX_FILE), join(out, DB_FILE))).toThrow(/\[E014\]/u);
  });

  it('search: an index in another format is reported (E029) with the way to rebuild it', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const out = mkdtempSync(join(tmpdir(), 'cppcc-format-'));
    await runCorpus({ inputs: [SEEDS], out, workers: 1 });
    const file = join(out, INDEX_FILE);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...saved, version: 3 }));
    expect(() => loadIndex(file, join(out, DB_FILE))).toThrow(/\[E029\].*format 3.*cppcc run/u);
  });
});
