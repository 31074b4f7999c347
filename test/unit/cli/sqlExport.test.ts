import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cppcc } from '../../helpers/cli.js';
import { FORMULA_SOURCE, FORMULA_TITLE, hostileRun } from '../../helpers/hostile.js';

let out = '';
beforeAll(() => {
  out = hostileRun();
});

/** Every file under a folder (export partitions documents by year). */
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

describe('cli: sql and export for spreadsheets and for people', () => {
  it("cli: a SQL error keeps DuckDB's hint and caret", () => {
    const r = cppcc(['sql', 'select * from mechanism', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[E013] SQL error: Catalog Error: Table with name mechanism does not exist!\nDid you mean "mechanisms"?');
    expect(r.stderr).toContain('LINE 1: select * from mechanism');
  });

  it('cli: sql --format csv neutralises cells a spreadsheet would run, and leaves numbers alone', () => {
    const r = cppcc(['sql', "select title, source, -5 AS n from documents where title like '=%'", '--out', out, '--format', 'csv']);
    expect(r.stdout).toBe(`title,source,n\n"'${FORMULA_TITLE.replace(/"/g, '""')}",'${FORMULA_SOURCE},-5\n`);
  });

  it('cli: export --format csv neutralises text cells; parquet keeps the values as stored', () => {
    const csvDir = join(out, 'csv-export');
    expect(cppcc(['export', '--to', csvDir, '--format', 'csv', '--out', out]).status).toBe(0);
    const documents = files(join(csvDir, 'documents')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(documents).toContain(`'${FORMULA_SOURCE}`);
    expect(documents).toContain(`'${FORMULA_TITLE.slice(0, 10)}`);
    expect(documents).not.toMatch(/(^|,)=HYPERLINK/mu);
    const pqDir = join(out, 'pq-export');
    expect(cppcc(['export', '--to', pqDir, '--out', out]).status).toBe(0);
    const q = cppcc(['sql', `select source from read_parquet('${join(pqDir, 'documents', '*', '*.parquet')}') where title like '=%'`, '--out', out, '--format', 'json']);
    expect(JSON.parse(q.stdout)).toEqual([{ source: FORMULA_SOURCE }]);
  });

  it('cli: serve on a port in use is one coded line and exit 2', async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    try {
      const child = spawn(process.execPath, [CLI, 'serve', '--out', out, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toBe(`[E036] Cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE). Give another --port (0 picks a free one), or stop the program that holds it.\n`);
    } finally {
      busy.close();
    }
  });
});
