import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from '../../helpers/docs.js';
import { CLI, cppcc } from '../../helpers/cli.js';

describe('cli', () => {
  it('cli: npx cppcc runs the built command (the bin file is executable after the build)', () => {
    const r = spawnSync('npx', ['--no-install', 'cppcc', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Permission denied/u);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('cli: extract prints nothing but JSON lines, one per document', () => {
    const r = cppcc(['extract', SEEDS, '--format', 'jsonl']);
    expect(r.status).toBe(0);
    expect(r.stdout[0]).toBe('{');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toHaveLength(5);
  });

  it('cli: bad inputs get one clear line each; the run exits 0 and stores every document with its reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-bad-'));
    const input = join(dir, 'in');
    mkdirSync(input);
    copyFileSync(join(SEEDS, '000_7e3cd0a0001826d3.txt'), join(input, 'good.txt'));
    writeFileSync(join(input, 'empty.txt'), '');
    writeFileSync(join(input, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 13) % 256)));
    writeFileSync(join(input, 'invalid.json'), '{"title": ');
    writeFileSync(join(input, 'noitems.xml'), '<?xml version="1.0"?><rss><channel><title>空</title></channel></rss>');
    const out = join(dir, 'out');
    const r = cppcc(['run', input, '--out', out]);
    expect(r.status).toBe(0);
    for (const f of ['empty.txt', 'binary.txt', 'invalid.json', 'noitems.xml']) expect(r.stderr).toContain(f);
    const q = cppcc(['sql', 'select file, failed is not null as failed from documents order by file', '--out', out, '--format', 'json']);
    expect(JSON.parse(q.stdout)).toEqual([
      { file: 'binary.txt', failed: true }, { file: 'empty.txt', failed: true }, { file: 'good.txt', failed: false },
      { file: 'invalid.json', failed: true }, { file: 'noitems.xml', failed: true },
    ]);
    // The corpus-level report: failures grouped by reason with example files, on stderr and in run.json.
    expect(r.stderr).toMatch(/failed, by reason[^\n]*\n(\s+E00\d ×1: [^\n]+\n){4}/u);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).report;
    expect(report.failed_by_reason.map((g: { code: string; examples: string[] }) => `${g.code} ${g.examples.join(',')}`).sort()).toEqual(['E002 empty.txt', 'E003 binary.txt', 'E004 invalid.json', 'E006 noitems.xml']);
    expect(report.where_to_look[0]).toMatch(/^cppcc sql /);
  });

  it('cli: a mistyped input path beside a good one warns, and fails the run with --strict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-missing-'));
    const good = join(dir, 'good.txt');
    copyFileSync(join(SEEDS, '000_7e3cd0a0001826d3.txt'), good);
    const r = cppcc(['run', good, join(dir, 'corpsu'), '--out', join(dir, 'out')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: [E001] ${join(dir, 'corpsu')} does not exist`);
    const strict = cppcc(['run', good, join(dir, 'corpsu'), '--out', join(dir, 'out2'), '--strict']);
    expect(strict.status).toBe(1);
    const q = cppcc(['sql', 'select count(*) n from documents', '--out', join(dir, 'out2'), '--format', 'json']);
    expect(JSON.parse(q.stdout)).toEqual([{ n: '1' }]);
  });

  it('cli: bad SQL prints DuckDB\'s message and exits 1, no stack trace', () => {
    const out = mkdtempSync(join(tmpdir(), 'cppcc-sql-'));
    execFileSync(process.execPath, [CLI, 'run', SEEDS, '--out', out, '--quiet']);
    const r = cppcc(['sql', 'select nope from documents', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\[E013\] SQL error: .*nope/u);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });

  it('cli: unknown options and bad values are usage errors (exit 2)', () => {
    expect(cppcc(['extract', SEEDS, '--format', 'xml']).status).toBe(2);
    expect(cppcc(['search', 'x', '--limit', '0']).status).toBe(2);
    expect(cppcc(['run', '--nope']).status).toBe(2);
  });

  it('cli: every command has --help', () => {
    for (const c of ['scrape', 'run', 'extract', 'search', 'sql', 'eval', 'normalize']) {
      const r = cppcc([c, '--help']);
      expect(r.status, c).toBe(0);
      expect(r.stdout).toContain('Example');
    }
  });

  it('cli: normalize --jsonl is a batch interface', () => {
    const r = spawnSync(process.execPath, [CLI, 'normalize', '--jsonl'], { input: '{"id":1,"text":"政協(xié)委員,,"}\n', encoding: 'utf8' });
    const line = JSON.parse(r.stdout);
    expect(line.text).toBe('政协委员,');
    expect(line.flags.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['repair.pinyinGloss', 'repair.duplicatedPunctuation']));
  });
});

describe('cli: show and export', () => {
  const out = mkdtempSync(join(tmpdir(), 'cppcc-show-'));
  execFileSync(process.execPath, [CLI, 'run', SEEDS, '--out', out, '--quiet']);

  it('cli: show marks spans in the normalized text, and in the published script with --original', () => {
    const r = cppcc(['show', '001_afa596b124acd061.txt', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('“【四个一】”');
    const orig = cppcc(['show', '001_afa596b124acd061.txt', '--out', out, '--original']);
    expect(orig.stdout).toContain('“【四個一】”');
    expect(cppcc(['show', 'nope', '--out', out]).stderr).toMatch(/^\[E018\]/u);
  });

  it('cli: export writes one file per table, large tables partitioned by year', () => {
    const to = join(out, 'exported');
    const r = cppcc(['export', '--to', to, '--format', 'csv', '--out', out]);
    expect(r.status).toBe(0);
    const q = cppcc(['sql', `select count(*)::INTEGER n from read_csv('${join(to, 'mechanisms.csv')}')`, '--out', out, '--format', 'json']);
    const inDb = cppcc(['sql', 'select count(*)::INTEGER n from mechanisms', '--out', out, '--format', 'json']);
    expect(JSON.parse(q.stdout)).toEqual(JSON.parse(inDb.stdout));
    expect(existsSync(join(to, 'metrics', 'year=2019'))).toBe(true);
  });
  it('cli: scrape refuses non-http URLs and bad option values with a clear line and exit 2', () => {
    const r = cppcc(['scrape', 'ftp://example.cn/a.html', '--raw', mkdtempSync(join(tmpdir(), 'cppcc-raw-'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[E021\] Cannot scrape ftp:\/\/example\.cn\/a\.html: only http and https/);
    const d = cppcc(['scrape', 'http://127.0.0.1:9/', '--delay-ms', 'soon']);
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/soon is not a whole number/);
  });
  it('cli: a malformed pipeline file gets one line naming the key and the allowed values, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-pipe-'));
    const write = (name: string, body: unknown) => { const p = join(dir, name); writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body)); return p; };
    const cases: [string, RegExp][] = [
      [write('stage.json', { stages: ['mainText.lines@1', 'segment.jiebaa@1'] }), /^\[E009\] .*unknown stage "segment\.jiebaa@1"\. Known stage ids: .*segment\.jieba@1/m],
      [write('order.json', { stages: ['segment.jieba@1'] }), /^\[E010\] Stage "segment\.jieba@1" requires "text"/m],
      [write('option.json', { stages: ['mainText.lines@1'], options: { maxFileByte: 10 } }), /^\[E009\] .*maxFileByte.*known options: maxFileBytes/m],
      [write('json.json', '{"stages": ['), /^\[E009\] .*json\.json is invalid/m],
    ];
    for (const [file, re] of cases) {
      const r = cppcc(['run', SEEDS, '--pipeline', file, '--out', join(dir, 'out'), '--quiet']);
      expect(r.status, file).toBe(2);
      expect(r.stderr, file).toMatch(re);
      expect(r.stderr.trim().split('\n'), file).toHaveLength(1);
    }
  });
});
