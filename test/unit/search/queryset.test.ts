import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishName } from '../../../src/extract/lexicon.js';
import { toTraditional } from '../../../src/normalize/script.js';
import { DB_FILE, runCorpus } from '../../../src/run/runCorpus.js';
import { INDEX_FILE } from '../../../src/search/buildIndex.js';
import { englishNamesFromStore, loadIndex, parseQuery, pinyinKey, search } from '../../../src/search/query.js';
import { openStore } from '../../../src/store/duckdb.js';
import { gold, SEEDS } from '../../helpers/docs.js';

const FILES = ['000_7e3cd0a0001826d3.txt', '001_afa596b124acd061.txt', '002_0d3e6925c58523d3.txt', '003_8c6260185b611d68.txt', '004_c824724392dd76a2.txt'];

describe('search: query set from the dev gold', () => {
  const out = mkdtempSync(join(tmpdir(), 'cppcc-queryset-'));
  let names: Map<string, string[]>;
  beforeAll(async () => {
    await runCorpus({ inputs: [SEEDS], out });
    const store = await openStore(join(out, DB_FILE), { readOnly: true });
    names = await englishNamesFromStore(store);
    store.close();
  });

  // Every non-optional gold mechanism, asked as the researcher would type it.
  const cases = FILES.flatMap((file) => (gold(file).mechanisms as { name: string; optional: boolean }[])
    .filter((m) => !m.optional)
    .flatMap((m) => {
      const forms: [string, string][] = [['simplified', m.name], ['taiwan', toTraditional(m.name, 'tw')], ['hong kong', toTraditional(m.name, 'hk')]];
      const en = englishName(m.name);
      if (en) forms.push(['english', en]);
      return forms.map(([how, q]) => [file, m.name, how, q] as const);
    }));

  it('search: the query set covers every gold mechanism in three scripts and English where there is a name', () => {
    expect(cases.length).toBeGreaterThan(90);
    expect(cases.filter((c) => c[2] === 'english').length).toBeGreaterThan(5);
  });

  it.each(cases)('search: %s has %s (%s: %s) in its top 10', (file, _name, _how, q) => {
    const { hits } = search(loadIndex(join(out, INDEX_FILE), join(out, DB_FILE)), q, names, 10);
    expect(hits.slice(0, 10).map((h) => h.file)).toContain(file);
  });

  it('search: pinyin of a name finds it (si ge yi, sigeyi)', () => {
    const loaded = loadIndex(join(out, INDEX_FILE), join(out, DB_FILE));
    expect(pinyinKey('四个一')).toBe('sigeyi');
    for (const q of ['si ge yi', 'sigeyi']) expect(search(loaded, q, names).hits[0]?.file).toBe('001_afa596b124acd061.txt');
  });

  it('search: filters, phrases and exclusions', () => {
    const loaded = loadIndex(join(out, INDEX_FILE), join(out, DB_FILE));
    const files = (q: string) => search(loaded, q, names).hits.map((h) => h.file.slice(0, 3)).sort();
    expect(files('两个全覆盖')).toEqual(['000', '002', '003']);
    expect(files('两个全覆盖 year:2021')).toEqual(['003']);
    expect(files('两个全覆盖 year:2019-2021')).toEqual(['000', '003']);
    expect(files('两个全覆盖 type:speech')).toEqual(['002']);
    expect(files('两个全覆盖 -分党组')).toEqual(['002']);
    expect(() => parseQuery('year:19')).toThrow(/\[E015\]/u);
    expect(parseQuery('四个一 "联帮 网格" +政协 -人大 source:某报')).toEqual({
      words: ['四个一'], phrases: ['联帮 网格'], required: ['政协'], excluded: ['人大'], filters: { source: '某报' },
    });
  });
});
