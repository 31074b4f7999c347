/**
 * The same article in every container a researcher meets: a JSON export with <p> or <div> paragraphs in
 * `content`, a JSON-lines record, an RSS item with HTML in CDATA, Markdown with front matter, a CSV row and
 * a CMS page with navigation. `cppcc eval --containers` scores each development set wrapped in each of them
 * against the same gold, so a container that loses part of the article shows as a fall from the bare score.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { toPrediction } from '../output/prediction.js';
import { extractDocuments } from '../run/extract.js';
import { loadPipeline } from '../pipeline/run.js';
import { score, type ScoreSummary } from './score.js';
import { type EvalSet, readGold } from './sets.js';

export interface Article {
  /** The gold's file name of the document this article comes from. */
  file: string;
  title: string | null;
  date: string | null;
  source: string | null;
  authors: string[];
  /** The main text, one paragraph a line. */
  paragraphs: string[];
}

export const CONTAINERS = ['json-p', 'json-div', 'jsonl', 'rss', 'markdown', 'csv', 'cms-page'] as const;
export type Container = (typeof CONTAINERS)[number];

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
const csvCell = (s: string) => `"${s.replace(/"/gu, '""')}"`;
const html = (a: Article, tag: 'p' | 'div') => a.paragraphs.map((p) => `<${tag}>${esc(p)}</${tag}>`).join('\n');
/** RFC 822 dates as feeds write them, from an ISO date. */
const rfc822 = (iso: string) => new Date(`${iso}T08:00:00+08:00`).toUTCString();

/** The article as one file of the container: its name (extension decides the reader) and content. */
export function wrap(a: Article, c: Container): { name: string; content: string } {
  const base = a.file.replace(/\.[^.]+$/u, '');
  const record = (tag: 'p' | 'div') => ({ title: a.title, publishTime: a.date, source: a.source, author: a.authors.join('、'), content: html(a, tag) });
  switch (c) {
    case 'json-p':
      return { name: `${base}.json`, content: JSON.stringify(record('p')) };
    case 'json-div':
      // An API envelope with the records in a list, the article in a nested detail object.
      return { name: `${base}.json`, content: JSON.stringify({ total: 1, list: [{ id: 1, detail: record('div') }] }) };
    case 'jsonl':
      return { name: `${base}.jsonl`, content: JSON.stringify(record('div')) + '\n' };
    case 'rss':
      return {
        name: `${base}.xml`,
        content: `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example feed</title><link>https://example.org/</link>\n<item><title>${esc(a.title ?? '')}</title><link>https://example.org/a/1.html</link>${a.date ? `<pubDate>${rfc822(a.date)}</pubDate>` : ''}${a.authors.length ? `<dc:creator>${esc(a.authors.join('、'))}</dc:creator>` : ''}<description><![CDATA[${html(a, 'p')}]]></description></item>\n</channel></rss>\n`,
      };
    case 'markdown': {
      const fm = [`title: ${JSON.stringify(a.title ?? '')}`, ...(a.date ? [`date: ${a.date}`] : []), ...(a.source ? [`source: ${JSON.stringify(a.source)}`] : []), ...(a.authors.length ? [`author: ${JSON.stringify(a.authors.join('、'))}`] : [])];
      // A link and an image in the text: their targets and the picture are markup, not words.
      return { name: `${base}.md`, content: `---\n${fm.join('\n')}\n---\n\n# ${a.title ?? ''}\n\n![图](https://example.org/img/%E5%9B%BE1.jpg)\n\n${a.paragraphs.join('\n\n')}\n\n[原文链接](https://example.org/a/%E6%94%BF%E5%8D%8F.html)\n` };
    }
    case 'csv':
      return { name: `${base}.csv`, content: `id,title,date,source,author,content\n1,${csvCell(a.title ?? '')},${a.date ?? ''},${csvCell(a.source ?? '')},${csvCell(a.authors.join('、'))},${csvCell(html(a, 'p'))}\n` };
    case 'cms-page':
      return {
        name: `${base}.html`,
        content: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(a.title ?? '')}_某某政协网</title></head><body>
<div class="header"><a href="/">首页</a> <a href="/zxyw/">政协要闻</a> <a href="/lzzn/">履职之窗</a> <a href="/wyfc/">委员风采</a> <a href="/tajy/">提案建议</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zxyw/">政协要闻</a> &gt; 正文</div>
<div class="article"><h1>${esc(a.title ?? '')}</h1>
<div class="info">${a.date ?? ''}　来源：${esc(a.source ?? '某某政协网')}　【字体：大 中 小】 【打印】</div>
<div class="content">${html(a, 'p')}</div>
<div class="share">分享到：微信 微博 QQ空间</div></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a/1.html">市政协召开主席会议</a> 2019-01-02</li><li><a href="/a/2.html">县政协开展委员视察活动</a> 2019-01-03</li><li><a href="/a/3.html">区政协举行专题协商会</a> 2019-01-04</li></ul></div>
<div class="footer">版权所有：某某政协 地址：某某路1号 电话：0000-0000000 ICP备00000000号</div>
</body></html>\n`,
      };
  }
}

/** Write every article wrapped in one container into `dir` (one file each); returns wrapped file name → gold file name. */
export function writeWrapped(articles: Article[], c: Container, dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const names = new Map<string, string>();
  for (const a of articles) {
    const w = wrap(a, c);
    writeFileSync(join(dir, w.name), w.content);
    names.set(w.name, a.file);
    names.set(`${w.name}#0`, a.file);
  }
  return names;
}

/** The article a processed document holds: its main text and the metadata a container would carry. */
export function articleOf(file: string, meta: { title: string | null; date: string | null; source: string | null; authors: string[] }, original: string): Article {
  return { file, title: meta.title, date: meta.date, source: meta.source, authors: meta.authors, paragraphs: original.split('\n').map((l) => l.trim()).filter(Boolean) };
}

/** The figures a container must keep: body, title, date and the three extraction categories. */
export const CONTAINER_FIGURES = ['body.clean', 'meta.title', 'meta.date', 'mechanisms', 'metrics', 'people'] as const;

export function figure(s: ScoreSummary, k: (typeof CONTAINER_FIGURES)[number]): number {
  return s.categories[k]?.f1 ?? s.fields[k] ?? 0;
}

/**
 * Each set's articles (the bare documents' main text and metadata) wrapped in every container, scored
 * against the same gold: a container that loses part of the article falls below the bare row.
 */
export async function scoreContainers(set: EvalSet): Promise<{ set: string; rows: { container: string; summary: ScoreSummary }[] }> {
  const golds = readGold(set.gold);
  const goldFiles = new Set(golds.map((g) => basename(String(g.file))));
  const bare: Record<string, unknown>[] = [];
  const articles: Article[] = [];
  const pipeline = loadPipeline();
  await extractDocuments([set.docs], pipeline, {
    onDocument: (d) => {
      bare.push(toPrediction(d));
      const file = goldFiles.has(d.source.file) ? d.source.file : d.source.file.replace(/#0$/u, '');
      if (goldFiles.has(file)) articles.push(articleOf(file, d.meta, d.original));
    },
  });
  const rows = [{ container: 'bare', summary: score(golds, bare) }];
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-containers-'));
  try {
    for (const c of CONTAINERS) {
      const names = writeWrapped(articles, c, join(dir, c));
      const preds: Record<string, unknown>[] = [];
      await extractDocuments([join(dir, c)], pipeline, { onDocument: (d) => { preds.push({ ...toPrediction(d), file: names.get(d.source.file) ?? d.source.file }); } });
      rows.push({ container: c, summary: score(golds, preds) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { set: set.name, rows };
}

export function formatContainers(r: { set: string; rows: { container: string; summary: ScoreSummary }[] }): string {
  const head = `${'container'.padEnd(10)} ${CONTAINER_FIGURES.map((f) => f.padStart(11)).join(' ')}`;
  const lines = r.rows.map((row) => `${row.container.padEnd(10)} ${CONTAINER_FIGURES.map((f) => (100 * figure(row.summary, f)).toFixed(1).padStart(11)).join(' ')}`);
  return [`# ${r.set}: the same articles in every container (body, title and date share correct; F1 per category)`, head, ...lines].join('\n');
}

