import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE, runCorpus } from '../../../src/run/runCorpus.js';
import { openStore, type Store } from '../../../src/store/duckdb.js';

/** Three small saved pages whose answers are known by construction. */
const PAGES: Record<string, string> = {
  'a.txt': '宾阳县政协推行三联两评\n2019年3月1日 来源：宾阳县政协报\n宾阳县政协创新实施“三联两评”工作法，同时落实“四个一”活动，推动履职。\n宾阳县政协主席张伟说，全年开展专题调研12次。\n',
  'b.txt': '柳州市政协探索三联两评\n2020年5月6日 来源：柳州市日报\n柳州市政协推行“三联两评”工作法，成效明显，共开展协商活动8次。\n柳州市政协副主席李明表示，要坚持下去。\n',
  'c.txt': '江北区政协工作\n2021年7月8日 来源：江北区政协报\n江北区政协实施“四个一”活动，开展视察5次，还要\n',
};

describe('store: standing questions (views) on a corpus with known answers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-views-'));
  let store: Store;
  const q = async (sql: string) => (await store.connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];

  beforeAll(async () => {
    mkdirSync(join(dir, 'in'));
    for (const [f, t] of Object.entries(PAGES)) writeFileSync(join(dir, 'in', f), t);
    await runCorpus({ inputs: [join(dir, 'in')], out: join(dir, 'out') });
    store = await openStore(join(dir, 'out', DB_FILE), { readOnly: true });
  });
  afterAll(() => store.close());

  it('views: mechanism_first_use gives the first date, org and file, and the number of documents', async () => {
    expect(await q(`SELECT name, CAST(first_date AS VARCHAR) AS first_date, first_org, first_file, documents FROM mechanism_first_use ORDER BY name`)).toEqual([
      { name: '三联两评', first_date: '2019-03-01', first_org: '宾阳县政协', first_file: 'a.txt', documents: 2 },
      { name: '四个一', first_date: '2019-03-01', first_org: '宾阳县政协', first_file: 'a.txt', documents: 2 },
    ]);
  });

  it('views: mechanism_first_use_by_level separates county and prefecture bodies', async () => {
    expect(await q(`SELECT org_level, CAST(first_date AS VARCHAR) AS first_date, first_org FROM mechanism_first_use_by_level WHERE name = '三联两评' ORDER BY first_date`)).toEqual([
      { org_level: 'county', first_date: '2019-03-01', first_org: '宾阳县政协' },
      { org_level: 'prefecture', first_date: '2020-05-06', first_org: '柳州市政协' },
    ]);
  });

  it('views: mechanism_use_per_year and the mechanism_timeline macro', async () => {
    expect(await q(`SELECT year, documents, mentions FROM mechanism_use_per_year WHERE name = '四个一' ORDER BY year`)).toEqual([
      { year: 2019, documents: 1, mentions: 1 }, { year: 2021, documents: 1, mentions: 1 },
    ]);
    expect(await q(`SELECT * FROM mechanism_timeline('三联两评')`)).toEqual([{ year: 2019, documents: 1, mentions: 1 }, { year: 2020, documents: 1, mentions: 1 }]);
  });

  it('views: co-occurrence in a document and in a paragraph', async () => {
    expect(await q(`SELECT a, b, documents FROM mechanism_cooccurrence_document`)).toEqual([{ a: '三联两评', b: '四个一', documents: 1 }]);
    expect(await q(`SELECT a, b, paragraphs FROM mechanism_cooccurrence_paragraph`)).toEqual([{ a: '三联两评', b: '四个一', paragraphs: 1 }]);
  });

  it('views: metrics_by_indicator totals per indicator, org and year', async () => {
    const rows = await q(`SELECT indicator, unit, org, year, n, total FROM metrics_by_indicator ORDER BY year`);
    expect(rows.map((r) => [r.year, r.unit, r.total, r.org])).toEqual([[2019, '次', 12, '宾阳县政协'], [2020, '次', 8, '柳州市政协'], [2021, '次', 5, '江北区政协']]);
    expect(String(rows[0].indicator)).toContain('专题调研');
  });

  it('views: people_titles lists each person with each title and when', async () => {
    expect(await q(`SELECT name, title, CAST(first_date AS VARCHAR) AS first_date FROM people_titles ORDER BY first_date`)).toEqual([
      { name: '张伟', title: '宾阳县政协主席', first_date: '2019-03-01' },
      { name: '李明', title: '柳州市政协副主席', first_date: '2020-05-06' },
    ]);
  });

  it('views: documents_by_flag finds the truncated page', async () => {
    expect(await q(`SELECT rule_id, documents, files FROM documents_by_flag WHERE rule_id = 'damage.truncated'`)).toEqual([{ rule_id: 'damage.truncated', documents: 1, files: ['c.txt'] }]);
  });
});
