import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { listInputFiles, readInputFile } from '../../../src/ingest/read.js';

const iconvEncode = (s: string, charset: string) => iconv.encode(s, charset);

const dir = mkdtempSync(join(tmpdir(), 'cppcc-read-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const MAX = 1_000_000;

describe('read', () => {
  it('read: RSS 2.0 gives one item per <item>, HTML from content:encoded or a CDATA description', () => {
    const p = file('feed.xml', `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>某政协网</title>
      <item><title>第一篇</title><link>http://example.org/1</link><pubDate>Fri, 18 Jan 2019 08:00:00 +0800</pubDate><dc:creator>凌云</dc:creator><content:encoded><![CDATA[<p>市政协推行“四个一”活动。</p>]]></content:encoded></item>
      <item><title>第二篇</title><description><![CDATA[<p>县政协建立委员联络室。</p>]]></description></item></channel></rss>`);
    const items = readInputFile(p, MAX);
    expect(items).toHaveLength(2);
    expect(items[0].raw).toContain('四个一');
    expect(items[0].meta).toMatchObject({ title: '第一篇', authors: ['凌云'], url: 'http://example.org/1' });
    // The channel names the publisher of every item: a fallback source, below a dateline in the item's text.
    expect(items[0].source.publisher).toBe('某政协网');
    expect(items[0].source.content).toBe('fragment');
    expect(items[1].raw).toContain('委员联络室');
    expect(items.map((i) => i.source.file)).toEqual(['feed.xml#0', 'feed.xml#1']);
  });

  it('read: Atom entries', () => {
    const p = file('atom.xml', `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>站点</title><entry><title>标题</title><published>2021-02-03T09:05:00Z</published><author><name>姚少平</name></author><content type="html">&lt;p&gt;正文内容。&lt;/p&gt;</content></entry></feed>`);
    const [item] = readInputFile(p, MAX);
    expect(item.error).toBeNull();
    expect(item.raw).toContain('正文内容');
    expect(item.meta.authors).toEqual(['姚少平']);
  });

  it('read: JSON array of export records, body as an array of paragraphs', () => {
    const p = file('export.json', JSON.stringify([
      { title: '一', content: ['第一段。', '第二段。'], author: '张三、李四', publish_time: '2023-05-06 10:00' },
      { headline: '二', body: '<p>正文。</p>' },
    ]));
    const items = readInputFile(p, MAX);
    expect(items).toHaveLength(2);
    expect(items[0].raw).toBe('第一段。\n第二段。');
    expect(items[0].meta.authors).toEqual(['张三', '李四']);
    expect(items[0].source.content).toBe('text');
    expect(items[1].source.content).toBe('fragment');
  });

  it('read: JSONL with a broken line keeps the good lines and reports the bad one', () => {
    const p = file('lines.jsonl', '{"text":"甲。"}\n{oops\n{"text":"乙。"}\n');
    const items = readInputFile(p, MAX);
    expect(items.map((i) => i.error?.code ?? 'ok')).toEqual(['ok', 'E004', 'ok']);
    expect(items[1].error!.message).toContain('line 2');
  });

  it.each([
    ['empty.txt', '', 'E002'],
    ['blank.txt', '   \n ', 'E002'],
    ['bad.json', '{"title": ', 'E004'],
    ['nobody.json', '{"title":"只有标题"}', 'E007'],
    ['empty.xml', '<?xml version="1.0"?><rss><channel><title>空</title></channel></rss>', 'E006'],
    ['bomb.xml', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><description>&a;</description></item></channel></rss>', 'E031'],
    ['image.png', 'PNG', 'E008'],
    ['none.json', '[]', 'E019'],
    ['blank-lines.jsonl', '\n\n', 'E002'],
  ])('read: %s gets a clear error (%s)', (name, content, code) => {
    const [item] = readInputFile(file(name, content), MAX);
    expect(item.error?.code).toBe(code);
    expect(item.error?.message).toContain(name);
  });

  it('read: a binary file with a text extension is refused with E003', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 13) % 256;
    const [item] = readInputFile(file('binary.txt', bytes), MAX);
    expect(item.error?.code).toBe('E003');
  });

  it('read: a file over the size limit is refused with E016', () => {
    const [item] = readInputFile(file('big.txt', 'x'.repeat(200)), 100);
    expect(item.error?.code).toBe('E016');
  });

  it('read: folders are walked recursively, hidden entries skipped, missing paths reported', () => {
    const { files, missing } = listInputFiles([dir, join(dir, 'nope')]);
    expect(files.length).toBeGreaterThan(5);
    expect(missing).toEqual([join(dir, 'nope')]);
  });
});

describe('read: the corpus walk', () => {
  it('a symlink loop and a second link to a folder add no file and no looped path', () => {
    const root = mkdtempSync(join(tmpdir(), 'cppcc-walk-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'one.txt'), '一。');
    writeFileSync(join(root, 'a', 'b', 'two.txt'), '二。');
    symlinkSync(join(root, 'a'), join(root, 'a', 'b', 'loop'));
    symlinkSync(join(root, 'a', 'b'), join(root, 'a', 'again'));
    const { files, missing, skipped } = listInputFiles([root]);
    expect(files.map((f) => f.slice(root.length))).toEqual(['/a/b/two.txt', '/a/one.txt']);
    expect(missing).toEqual([]);
    expect(skipped).toEqual([]);
  });

  it('a missing input path beside a good one is reported, the good one read', () => {
    const good = file('good.txt', '市政协召开会议。');
    const r = listInputFiles([good, join(dir, 'no-such-folder')]);
    expect(r.files).toEqual([good]);
    expect(r.missing).toEqual([join(dir, 'no-such-folder')]);
  });

  it('a name that is not UTF-8 is reported with its GBK reading, never dropped silently', () => {
    const root = mkdtempSync(join(tmpdir(), 'cppcc-names-'));
    writeFileSync(Buffer.from(`${root}/${Buffer.from([0xd5, 0xfe, 0xd0, 0xad]).toString('latin1')}`, 'latin1'), '政协。');
    writeFileSync(join(root, 'ok.txt'), '好。');
    const r = listInputFiles([root]);
    expect(r.files.map((f) => f.slice(root.length))).toEqual(['/ok.txt']);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0].reason).toContain('政协');
  });
});

describe('read: decoding never loses a document', () => {
  it('one invalid byte in a UTF-8 article: UTF-8 still, the byte U+FFFD, flagged encoding.invalid with count and offset', () => {
    const p = file('one-bad-byte.txt', Buffer.concat([Buffer.from('市政协召开会议，研究部署工作。'), Buffer.from([0xff]), Buffer.from('全年共收到提案512件。\n')]));
    const [item] = readInputFile(p, MAX);
    expect(item.source.encoding).toBe('utf-8');
    expect(item.raw).toBe('市政协召开会议，研究部署工作。\uFFFD全年共收到提案512件。\n');
    expect(item.invalid).toEqual({ count: 1, first: 15, what: 'bytes that are not utf-8' });
  });

  it('GBK and Big5 without a declaration still read as Chinese', () => {
    const gbk = file('gbk.txt', iconvEncode('市政协召开会议，研究部署工作。全年共收到提案512件。', 'gbk'));
    const big5 = file('big5.txt', iconvEncode('市政協召開會議，研究部署工作。全年共收到提案512件。', 'big5'));
    expect(readInputFile(gbk, MAX)[0].raw).toContain('市政协召开会议');
    expect(readInputFile(big5, MAX)[0].raw).toContain('市政協召開會議');
  });

  it('a lone surrogate in a JSON lines record: the record is kept, the surrogate U+FFFD, flagged', () => {
    const p = file('surrogate.jsonl', '{"title":"甲","content":"市政协召开会议\\ud800，全年共收到提案512件。"}\n{"title":"乙","content":"正文。"}\n');
    const items = readInputFile(p, MAX);
    expect(items.map((i) => i.error)).toEqual([null, null]);
    expect(items[0].raw).toBe('市政协召开会议\uFFFD，全年共收到提案512件。');
    expect(items[0].invalid).toEqual({ count: 1, first: 7, what: 'lone surrogates' });
  });
});

describe('read: text that looks odd is still text', () => {
  it('UTF-16 without a byte-order mark, little- and big-endian', () => {
    const text = 'CPPCC 2023: 市政协召开会议，全年共收到提案512件。\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(readInputFile(file('le.txt', le), MAX)[0]).toMatchObject({ raw: text, error: null });
    expect(readInputFile(file('be.txt', be), MAX)[0]).toMatchObject({ raw: text, error: null });
  });

  it('UTF-8 with a few control characters is text, not binary', () => {
    const [item] = readInputFile(file('controls.txt', '市政协\u0001召开\u0002会议\u0003。'), MAX);
    expect(item.error).toBeNull();
    expect(item.raw).toContain('召开');
  });
});
