import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SEEDS } from './docs.js';
import { CLI } from './cli.js';

/** Each field a document carries, each with markup that runs script if it reaches the page unescaped. */
export const HOSTILE = {
  title: '标题<img src=x onerror=window.__xss="title">',
  subtitle: '副题<svg onload=window.__xss="subtitle">',
  source: '来源"><script>window.__xss="source"</script>',
  author: '张三<b onclick=window.__xss="author">x</b>',
  editor: '李四" onmouseover="window.__xss=\'editor\'',
  /** A JSON body is read as HTML (its tags go); a text file keeps them as text. */
  text: '材料登记情况通报\n2020年5月6日\n委员提交的材料中含有<script>window.__xss="body"</script>字样，推动两个全覆盖"><img src=x onerror=window.__xss="evidence">落实，政协办公室已登记备案。\n',
  file: 'bad<img src=x onerror=window.__xss="file">.json',
};

/**
 * Stored urls no page may turn into a live link (any case, leading spaces, a tab or newline inside:
 * the browser's URL parser drops those), and one http(s) url that must stay a link, markup and all.
 */
export const SCRIPT_URLS = ['javascript:alert(document.domain)', '  JavaScript:alert(1)', '\tjava\nscript:alert(2)', 'data:text/html,<script>alert(3)</script>', 'vbscript:msgbox(4)'];
export const WEB_URL = 'https://example.org/a?b=1&c="x"><img src=x onerror=alert(5)>';

/** A record whose cells a spreadsheet would run as formulas. */
export const FORMULA_TITLE = '=HYPERLINK("http://evil.example","click")';
export const FORMULA_SOURCE = '@SUM(1+1)';
export const FORMULA_URL = 'https://example.org/f';

/**
 * A run over one seed article, a JSON export of hostile records (one per url above, plus the formula
 * record), a text file holding markup, and a broken JSON file whose name is markup (stored as a failed
 * document under its name).
 */
export function hostileRun(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-hostile-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  copyFileSync(join(SEEDS, '001_afa596b124acd061.txt'), join(corpus, '001_afa596b124acd061.txt'));
  const record = (url: string, i: number) => ({ title: `${HOSTILE.title}${i}`, subtitle: HOSTILE.subtitle, source: HOSTILE.source, author: HOSTILE.author, editor: HOSTILE.editor, date: '2020-05-06', url, content: `${i}政协委员提交材料，推动两个全覆盖落实。` });
  const records = [...SCRIPT_URLS, WEB_URL].map(record);
  records.push({ ...record(FORMULA_URL, records.length), title: FORMULA_TITLE, source: FORMULA_SOURCE });
  writeFileSync(join(corpus, 'hostile.json'), JSON.stringify(records));
  writeFileSync(join(corpus, HOSTILE.file), '{"title": broken');
  writeFileSync(join(corpus, 'xss.txt'), HOSTILE.text);
  const out = join(dir, 'out');
  expect(spawnSync(process.execPath, [CLI, 'run', corpus, '--out', out, '--quiet']).status).toBe(0);
  return out;
}
