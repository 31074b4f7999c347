import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTAINER_FIGURES, figure, scoreContainers } from '../../../src/eval/containers.js';
import { developmentSets } from '../../../src/eval/sets.js';
import { readInputFile } from '../../../src/ingest/read.js';
import { toPrediction } from '../../../src/output/prediction.js';
import { loadPipeline } from '../../../src/pipeline/run.js';
import { processFile } from '../../helpers/docs.js';

const dir = mkdtempSync(join(tmpdir(), 'cppcc-containers-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const MAX = 50_000_000;

/** Tolerance of the acceptance: a container may cost at most 0.03 F1 against the bare document. */
const F1_TOLERANCE = 0.03;

describe.each(developmentSets().map((s) => [s.name, s] as const))('containers: %s', (_name, set) => {
  it('every article in every container keeps its whole body, title and date, and extracts as the bare document does', async () => {
    const r = await scoreContainers(set);
    const bare = r.rows[0].summary;
    expect(r.rows.map((x) => x.container)).toEqual(['bare', 'json-p', 'json-div', 'jsonl', 'rss', 'markdown', 'csv', 'cms-page']);
    for (const row of r.rows.slice(1)) {
      expect(row.summary.predicted, row.container).toBe(bare.documents);
      for (const f of ['body.clean', 'meta.title', 'meta.date'] as const) expect(figure(row.summary, f), `${row.container} ${f}`).toBe(figure(bare, f));
      for (const f of CONTAINER_FIGURES.filter((x) => !x.includes('.'))) {
        expect(Math.abs(figure(row.summary, f) - figure(bare, f)), `${row.container} ${f}`).toBeLessThanOrEqual(F1_TOLERANCE);
      }
    }
    // The bare articles themselves are clean: body, title and date right on every document.
    expect(figure(bare, 'body.clean')).toBe(1);
  });
});

describe('containers: fragments and records', () => {
  it('an HTML fragment in a JSON field is the whole article: every <div> paragraph, no image text, no script', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `第${i + 1}段，市政协召开专题协商会议，围绕民生议题深入协商。`);
    const content = `<div><img alt="图为会议现场（资料图）" src="a.jpg"><script>var x = "脚本";</script>${paragraphs.map((p) => `<div>${p}</div>`).join('')}</div>`;
    const [doc] = processFile(file('fragment.json', JSON.stringify({ title: '市政协召开专题协商会', publishTime: '2023-05-06 10:00:00', content })));
    expect(doc.original.split('\n')).toEqual(paragraphs);
    expect(doc.trace.find((t) => t.stage.startsWith('mainText'))?.note).toMatch(/^fragment\//u);
    expect(doc.meta.date).toBe('2023-05-06');
  });

  it('a read-more link ends a teaser: dropped from the text, and the document flagged truncated', () => {
    const [doc] = processFile(file('teaser.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>某台</title><item><title>标题</title><description><![CDATA[市政协主席会议今天召开，会议研究了年度协商计划...<a href="https://example.org/1">...more</a>]]></description></item></channel></rss>`));
    expect(doc.original).not.toContain('more');
    expect(toPrediction(doc).quality.truncated).toBe(true);
  });

  it('records nested in an API envelope, the article in a detail object', () => {
    const p = file('envelope.json', JSON.stringify({ total: 2, data: { list: [
      { id: 1, info: { title: '[视频]第一条', pubtime: '2019-03-03 19:15:03', source: '某台', content: '<p>第一条正文。</p>' } },
      { id: 2, info: { title: '第二条', pubtime: '2019-03-04', content: '<p>第二条正文。</p>' } },
    ] } }));
    const items = readInputFile(p, MAX);
    expect(items.map((i) => i.source.file)).toEqual(['envelope.json#0', 'envelope.json#1']);
    expect(items[0].meta).toMatchObject({ title: '第一条', date: '2019-03-03 19:15:03', source: '某台' });
  });

  it('a record with no body field is E007 naming the fields it has; the records around it are read', () => {
    const p = file('mixed.jsonl', [JSON.stringify({ title: '甲', body: '甲的正文。' }), JSON.stringify({ headline: '乙', summary_html: '<p>乙</p>', meta: { views: 3 } }), JSON.stringify({ title: '丙', text: '丙的正文。' })].join('\n'));
    const items = readInputFile(p, MAX);
    expect(items.map((i) => i.error?.code ?? 'ok')).toEqual(['ok', 'E007', 'ok']);
    expect(items[1].error!.message).toContain('headline, summary_html, meta, meta.views');
    expect(items[1].error!.message).toContain('--field body=');
  });

  it('a user schema: the pipeline option fields and --field names are tried first', () => {
    const p = file('custom.json', JSON.stringify([{ 标题名: '自定义', 稿件正文: '<p>自定义字段里的正文。</p>', 发稿时间: '2020年5月6日' }]));
    expect(readInputFile(p, MAX)[0].error?.code).toBe('E007');
    const [item] = readInputFile(p, { maxBytes: MAX, fields: { body: ['稿件正文'], title: ['标题名'], date: ['发稿时间'] } });
    expect(item.error).toBeNull();
    expect(item.meta).toMatchObject({ title: '自定义', date: '2020年5月6日' });
    const pipeline = loadPipeline(undefined, { fields: { body: ['稿件正文'] } });
    expect(pipeline.ctx.options.fields).toEqual({ body: ['稿件正文'] });
  });

  it('CSV: a broken quote costs its own row only; the rows after it are read', () => {
    const p = file('broken.csv', 'title,date,content\n一,2020-01-01,"第一条正文。"\n二,2020-01-02,"第二条"正文"坏了\n三,2020-01-03,第三条正文。\n四,2020-01-04,"第四条，有""引号""。"\n');
    const items = readInputFile(p, MAX);
    const ok = items.filter((i) => !i.error);
    expect(ok.map((i) => i.meta.title)).toEqual(expect.arrayContaining(['一', '三', '四']));
    expect(ok.find((i) => i.meta.title === '四')!.raw).toBe('第四条，有"引号"。');
  });

  it('CSV: an unclosed quote is E030 with its line, and every row before it is kept', () => {
    const p = file('unclosed.csv', 'title,content\n一,第一条。\n二,"第二条没有结束\n三,第三条。\n');
    const items = readInputFile(p, MAX);
    expect(items.map((i) => i.error?.code ?? i.meta.title)).toEqual(['一', 'E030', '三']);
    expect(items[1].error!.message).toContain('line 3');
  });

  it('TSV with a byte-order mark', () => {
    const [item] = readInputFile(file('a.tsv', '\uFEFFtitle\tcontent\n标题\t正文一句。\n'), MAX);
    expect(item.meta.title).toBe('标题');
    expect(item.raw).toBe('正文一句。');
  });

  it('a feed with 5,000 items gives 5,000 documents; one item without a body is E007 and loses no other', () => {
    const items = Array.from({ length: 5000 }, (_, i) => (i === 2500 ? '<item><title>空</title></item>' : `<item><title>第${i}篇</title><description><![CDATA[<p>第${i}篇的正文。</p>]]></description></item>`));
    const read = readInputFile(file('big.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>某网</title>${items.join('')}</channel></rss>`), MAX);
    expect(read).toHaveLength(5000);
    expect(read.filter((r) => r.error).map((r) => [r.source.item, r.error!.code])).toEqual([[2500, 'E007']]);
  });
});

describe('containers: Markdown', () => {
  it('front matter is the metadata; links keep their text, images, link targets and shortcodes are not text', () => {
    const md = `---\ntitle: 委员工作室建设综述\ndate: 2019-01-11\nauthor: 王丽、陈刚\n---\n\n# 委员工作室建设综述\n\n{{< figure src="a.jpg" caption="现场" >}}\n\n![会议现场](https://example.org/%E7%8E%8B.jpg)\n\n全市已建成委员工作室[14个](https://example.org/%E7%8E%8B/7%25.html)，覆盖所有乡镇。\n`;
    const [doc] = processFile(file('note.md', md));
    expect(doc.meta).toMatchObject({ title: '委员工作室建设综述', date: '2019-01-11', authors: ['王丽', '陈刚'] });
    expect(doc.original).toBe('全市已建成委员工作室14个，覆盖所有乡镇。');
    const metrics = (doc.extracted.metrics ?? []) as { value: number; unit: string }[];
    expect(metrics.map((m) => `${m.value}${m.unit}`)).toEqual(['14个']);
  });

  it('front matter in a programming language is refused (E032), never run', () => {
    const [item] = readInputFile(file('evil.md', '---js\n{ title: (globalThis.__pwned = 1, "x") }\n---\n正文。\n'), MAX);
    expect(item.error?.code).toBe('E032');
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('containers: addresses are never text', () => {
  it('a percent-encoded URL, an e-mail address and a file name yield no metric, person or org', () => {
    const text = '详见https://www.example.gov.cn/zxyw/%E7%8E%8B%E4%B8%BD/7%25.html，联系邮箱wangli2019@zx.gov.cn，附件：市政协2023年工作要点.pdf。\n2023年以来，市政协共收到提案512件。';
    const [doc] = processFile(file('addresses.txt', text));
    const metrics = (doc.extracted.metrics ?? []) as { value: number; unit: string }[];
    expect(metrics.map((m) => `${m.value}${m.unit}`)).toEqual(['512件']);
    const people = (doc.extracted.people ?? []) as { name: string }[];
    expect(people.filter((p) => /wang|王丽/iu.test(p.name))).toEqual([]);
    expect((doc.spans.addresses ?? []).length).toBe(3);
  });
});

describe('containers: markup too deep for a DOM', () => {
  it('a page nested 3,000 levels and 50,000 unclosed elements go around the cascade to the line cleaner, text kept', () => {
    const deep = `<html><body>${'<div>'.repeat(3000)}<p>市政协召开常委会议，研究部署全年工作。</p>${'</div>'.repeat(3000)}</body></html>`;
    const unclosed = `<html><body>${'<div><span>'.repeat(50_000)}市政协召开主席会议，听取专题汇报。</body></html>`;
    for (const [name, html, text] of [['deep.html', deep, '市政协召开常委会议，研究部署全年工作。'], ['unclosed.html', unclosed, '市政协召开主席会议，听取专题汇报。']] as const) {
      const [doc] = processFile(file(name, html));
      expect(doc.failed, name).toBeNull();
      expect(doc.original, name).toBe(text);
      expect(doc.trace.find((t) => t.stage.startsWith('mainText'))?.note, name).toMatch(/^too-deep\//u);
    }
  });
});
