import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { seeds } from './docs.js';

/** One article of the fixture site: its paragraphs are the exact main text the pipeline must recover. */
export interface FixtureArticle {
  path: string;
  title: string;
  date: string;
  source: string;
  author: string;
  paragraphs: string[];
  charset: 'utf-8' | 'gbk' | 'big5';
  /** Declare the charset only in the HTTP header (no meta tag). */
  headerOnly?: boolean;
}

export interface RequestLogEntry {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
  status: number;
}

const ARTICLE_LINES = 6;

/** A page in the shape of a Chinese government CMS template: nav, breadcrumb, info bar, TRS_Editor body, share bar, prev/next, related list, footer. */
export function articleHtml(a: FixtureArticle): string {
  const meta = a.headerOnly ? '' : `<meta http-equiv="Content-Type" content="text/html; charset=${a.charset === 'gbk' ? 'gb2312' : a.charset}">`;
  return `<!DOCTYPE html><html><head>${meta}<title>${a.title}_政协要闻_某某市政协网</title>
<meta name="keywords" content="政协"><script>var _hmt = _hmt || [];</script></head>
<body><div class="top"><div class="logo"><a href="/">某某市政协网</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zxyw/index.html">政协要闻</a></li><li><a href="/lzyw/">履职要闻</a></li><li><a href="/wyzc/">委员之窗</a></li></ul></div></div>
<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zxyw/index.html">政协要闻</a> &gt; 正文</div>
<div class="article"><h1 class="title">${a.title}</h1>
<div class="info">发布时间：${a.date} 09:05　来源：${a.source}　作者：${a.author}</div>
<div class="TRS_Editor">${a.paragraphs.map((p) => `<p style="text-indent:2em">　　${p}</p>`).join('\n')}</div>
<div class="bdshare"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">新浪微博</a></div>
<div class="editor">【责任编辑：徐影】</div>
<div class="prenext"><p>上一篇：<a href="/zxyw/t20190101_100.html">市政协召开主席会议</a></p><p>下一篇：<a href="/zxyw/t20190102_101.html">委员视察重点民生实事</a></p></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/zxyw/t20181201_90.html">区县政协工作会议召开，部署明年履职工作。</a></li><li><a href="/zxyw/t20181202_91.html">专题协商会聚焦乡村振兴，委员建言献策。</a></li></ul></div>
</div></div>
<div class="footer"><p>版权所有：某某市政协办公厅　地址：某某市某某路1号　邮编：400000</p><p>备案号：渝ICP备00000000号</p></div></body></html>`;
}

function listHtml(links: { href: string; text: string }[], next: string | null): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政协要闻_某某市政协网</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zxyw/index.html">政协要闻</a></div>
<ul class="list">${links.map((l) => `<li><a href="${l.href}">${l.text}</a><span>2019-01-18</span></li>`).join('')}</ul>
<div class="page">${next ? `<a href="${next}">下一页</a>` : ''}<a href="/zxyw/index.html">首页</a></div>
<div class="footer">版权所有：某某市政协办公厅</div></body></html>`;
}

/** Article paragraphs from the bundled seeds (their main text as the pipeline reads it), so fixtures carry real CPPCC prose. */
export function seedParagraphs(): string[][] {
  return seeds().map((d) => d.original.split('\n').filter((l) => l.trim()).slice(0, ARTICLE_LINES));
}

function big5Safe(lines: string[]): string[] {
  return lines.filter((l) => iconv.decode(iconv.encode(l, 'big5'), 'big5') === l);
}

export interface FixtureOptions {
  /** Crawl-delay in robots.txt, seconds. */
  crawlDelay?: number;
  /** Delay of the slow page, longer than the crawler's timeout. */
  slowMs?: number;
  /** Retry-After seconds on the 429 page. */
  retryAfter?: number;
}

/**
 * A CPPCC-style site on 127.0.0.1 for crawler tests: two list pages with pagination, articles in UTF-8, GBK
 * and Big5, robots.txt with a disallowed path, 429 with Retry-After, 503 then 200, a redirect, a slow page,
 * an oversize body and a PDF. Every request is logged with its arrival time and headers.
 */
export class FixtureSite {
  readonly log: RequestLogEntry[] = [];
  readonly articles: FixtureArticle[];
  private server!: Server;
  private hits = new Map<string, number>();
  base = '';
  private readonly toTrad = OpenCC.Converter({ from: 'cn', to: 'tw' });

  constructor(readonly o: FixtureOptions = {}) {
    const p = seedParagraphs();
    const toTrad = this.toTrad;
    this.articles = [
      { path: '/zxyw/t20190118_1.html', title: '市政协加强党建工作综述', date: '2019-01-18', source: '重庆政协报', author: '凌云', paragraphs: p[0], charset: 'utf-8' },
      { path: '/zxyw/t20190118_2.html', title: '专委会分党组探索两个全覆盖的思考', date: '2021-02-03', source: '人民政协网', author: '姚少平', paragraphs: p[3], charset: 'gbk' },
      { path: '/zxyw/t20190118_3.html', title: '把凝聚共識的責任扛在肩上', date: '2020-01-10', source: '重慶政協報', author: '李明', paragraphs: big5Safe(p[4].map(toTrad)), charset: 'big5' },
      { path: '/zxyw/t20190119_4.html', title: '在全市政协系统党的建设工作经验交流会上的讲话', date: '2025-02-26', source: '妙笔智库', author: '王强', paragraphs: p[2], charset: 'utf-8' },
      { path: '/zxyw/t20190119_5.html', title: '政协工作会议召开', date: '2019-03-01', source: '广西政协报', author: '张华', paragraphs: p[4], charset: 'gbk', headerOnly: true },
      { path: '/zxyw/t20190119_6b.html', title: '委员履职综述', date: '2019-03-02', source: '重庆政协报', author: '刘洋', paragraphs: p[0].slice(2), charset: 'utf-8' },
    ];
  }

  article(path: string): FixtureArticle {
    return this.articles.find((a) => a.path === path)!;
  }

  private send(res: ServerResponse, req: IncomingMessage, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
    // Every 200 carries a validator, so a revalidating crawler can ask conditionally for anything it stored.
    if (status === 200 && !headers.etag) {
      headers.etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 12)}"`;
      if (req.headers['if-none-match'] === headers.etag) { status = 304; body = ''; }
    }
    this.log.push({ path: req.url ?? '', at: Date.now(), headers: req.headers, status });
    res.writeHead(status, headers);
    res.end(body);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const n = (this.hits.get(path) ?? 0) + 1;
    this.hits.set(path, n);
    if (path === '/robots.txt') {
      return this.send(res, req, 200, `User-agent: *\nDisallow: /private/\n${this.o.crawlDelay ? `Crawl-delay: ${this.o.crawlDelay}\n` : ''}`, { 'content-type': 'text/plain' });
    }
    if (path === '/zxyw/index.html') {
      return this.send(res, req, 200, listHtml([
        { href: 't20190118_1.html', text: '市政协加强党建工作综述' },
        { href: '/zxyw/t20190118_2.html', text: '专委会分党组探索' },
        { href: './t20190118_3.html', text: '把凝聚共识的责任扛在肩上' },
        { href: '/private/t20190118_9.html', text: '内部通知' },
      ], '/zxyw/index_1.html'), { 'content-type': 'text/html; charset=utf-8' });
    }
    if (path === '/zxyw/index_1.html') {
      return this.send(res, req, 200, listHtml([
        { href: '/zxyw/t20190119_4.html', text: '经验交流会上的讲话' },
        { href: '/zxyw/t20190119_5.html', text: '政协工作会议召开' },
        { href: '/zxyw/t20190119_6.html', text: '委员履职综述' },
        { href: '/zxyw/t20190119_7.html', text: '慢页面' },
        { href: '/zxyw/t20190119_8.html', text: '超大页面' },
        { href: '/zxyw/t20190119_10.html', text: '附件下载' },
      ], null), { 'content-type': 'text/html; charset=utf-8' });
    }
    // 429 with Retry-After on the first request, then the page.
    if (path === '/zxyw/t20190119_4.html' && n === 1) return this.send(res, req, 429, 'slow down', { 'retry-after': String(this.o.retryAfter ?? 1) });
    // 503 on the first request, then the page.
    if (path === '/zxyw/t20190119_5.html' && n === 1) return this.send(res, req, 503, 'busy');
    if (path === '/zxyw/t20190119_6.html') return this.send(res, req, 302, '', { location: '/zxyw/t20190119_6b.html' });
    if (path === '/zxyw/t20190119_7.html') {
      this.log.push({ path, at: Date.now(), headers: req.headers, status: 0 });
      const t = setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<p>too late</p>'); }, this.o.slowMs ?? 2000);
      req.on('close', () => clearTimeout(t));
      return;
    }
    if (path === '/zxyw/t20190119_8.html') return this.send(res, req, 200, Buffer.alloc(3_000_000, 0x41), { 'content-type': 'text/html' });
    if (path === '/zxyw/t20190119_10.html') return this.send(res, req, 200, Buffer.from('%PDF-1.4\n'), { 'content-type': 'application/pdf' });
    const a = this.articles.find((x) => x.path === path);
    if (a) {
      const etag = `"${a.path.length}-${a.paragraphs.length}"`;
      const lastModified = new Date(Date.UTC(2019, 0, 18)).toUTCString();
      if (req.headers['if-none-match'] === etag) return this.send(res, req, 304, '', { etag });
      // A Big5 site is a Traditional-script site: its template too (Big5 has no Simplified-only characters).
      const html = a.charset === 'big5' ? this.toTrad(articleHtml(a)) : articleHtml(a);
      const body = a.charset === 'utf-8' ? Buffer.from(html) : iconv.encode(html, a.charset);
      const ct = a.headerOnly || a.charset !== 'utf-8' ? `text/html; charset=${a.charset}` : 'text/html';
      return this.send(res, req, 200, body, { 'content-type': ct, etag, 'last-modified': lastModified });
    }
    return this.send(res, req, 404, 'not found', { 'content-type': 'text/html' });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Requests for one path, in order. */
  requests(path: string): RequestLogEntry[] {
    return this.log.filter((l) => l.path === path);
  }
}
