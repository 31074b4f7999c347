import * as cheerio from 'cheerio';
import type { ResolvedProfile } from '../sites/profiles.js';
import { isHttpUrl } from './http.js';

export interface PageLinks {
  articles: string[];
  next: string[];
}

/** Paging by file name, as TRS/Hanweb list pages do: index.html → index_1.html → index_2.html. */
const INDEXED_PAGE = /\/index(_\d+)?\.s?html?$/i;

function absolute(href: string, base: string): string | null {
  try {
    const u = new URL(href, base);
    u.hash = '';
    return isHttpUrl(u.toString()) ? u.toString() : null;
  } catch {
    return null;
  }
}

export function isArticleUrl(url: string, p: ResolvedProfile): boolean {
  const path = new URL(url).pathname;
  return p.list.articleUrl.some((re) => re.test(path));
}

/** Article links and next-page links of a list page, on the list page's own host, in page order. */
export function listLinks(html: string, pageUrl: string, p: ResolvedProfile): PageLinks {
  const $ = cheerio.load(html);
  const host = new URL(pageUrl).host;
  const articles: string[] = [];
  const next: string[] = [];
  $(p.list.articleLinks).each((_, el) => {
    const href = $(el).attr('href');
    const url = href && absolute(href, pageUrl);
    if (url && new URL(url).host === host && isArticleUrl(url, p) && !articles.includes(url)) articles.push(url);
  });
  $(p.list.nextPage).each((_, el) => {
    const href = $(el).attr('href');
    const url = href && absolute(href, pageUrl);
    if (!url || url === pageUrl || new URL(url).host !== host) return;
    const byText = p.list.nextPageText.test($(el).text());
    if (byText && !next.includes(url)) next.push(url);
  });
  // No "下一页" link: follow the indexed sibling index_{n+1}.html when the page links to it.
  if (!next.length && INDEXED_PAGE.test(new URL(pageUrl).pathname)) {
    const m = /index(?:_(\d+))?\.(s?html?)$/i.exec(pageUrl)!;
    const want = pageUrl.replace(/index(_\d+)?\.(s?html?)$/i, `index_${m[1] ? Number(m[1]) + 1 : 1}.${m[2]}`);
    if ($('a[href]').toArray().some((el) => absolute($(el).attr('href')!, pageUrl) === want)) next.push(want);
  }
  return { articles, next };
}
