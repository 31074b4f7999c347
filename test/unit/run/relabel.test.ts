import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE, runCorpus } from '../../../src/run/runCorpus.js';
import { openStore } from '../../../src/store/duckdb.js';

async function tokensOf(out: string): Promise<Record<string, string[]>> {
  const store = await openStore(join(out, DB_FILE), { readOnly: true });
  try {
    const rows = (await store.connection.runAndReadAll(`SELECT d.file, list(t.token ORDER BY t.idx) FROM tokens t JOIN documents d USING (doc_id) GROUP BY d.file`)).getRowsJS() as [string, string[]][];
    return Object.fromEntries(rows);
  } finally {
    store.close();
  }
}

describe('relabel: labels found in the text reach every document of the run', () => {
  // a.txt only uses the label; b.txt, read after it, marks it as a name (quoted).
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-relabel-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'a.txt'), '市政协机关各支部认真组织党员冬训，效果明显。');
  writeFileSync(join(input, 'b.txt'), '今年市政协机关开展“党员冬训”活动，全体党员参加。');

  it('relabel: a document read before the one that names the label keeps it whole too', async () => {
    const s = await runCorpus({ inputs: [input], out: join(dir, 'out'), workers: 1 });
    expect(s.run_labels.labels).toBeGreaterThanOrEqual(1);
    const t = await tokensOf(join(dir, 'out'));
    expect(t['a.txt']).toContain('党员冬训');
    expect(t['b.txt']).toContain('党员冬训');
  });

  it('relabel: a label found by a later run reaches documents stored by an earlier one', async () => {
    const out = join(dir, 'later');
    await runCorpus({ inputs: [join(input, 'a.txt')], out, workers: 1 });
    expect((await tokensOf(out))['a.txt']).not.toContain('党员冬训');
    await runCorpus({ inputs: [input], out, workers: 1 });
    expect((await tokensOf(out))['a.txt']).toContain('党员冬训');
  });
});
