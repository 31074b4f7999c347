import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { MANIFEST_FILE, readManifestLines } from '../sites/manifest.js';

export interface CrawlHint {
  url: string;
  /** The charset the HTTP header declared (outranks the page's meta tag). */
  headerCharset: string | null;
}

/** A fetched page sits at most this deep under the crawl folder (<raw>/<host>/<file>, lists one level more). */
const MAX_DEPTH = 3;
const byDir = new Map<string, Map<string, CrawlHint> | null>();

function hintsOf(dir: string): Map<string, CrawlHint> | null {
  if (!byDir.has(dir)) {
    if (!existsSync(join(dir, MANIFEST_FILE))) byDir.set(dir, null);
    else {
      const m = new Map<string, CrawlHint>();
      for (const r of readManifestLines(dir)) {
        if (!r.path || (r.outcome !== 'stored' && r.outcome !== 'not-modified')) continue;
        const header = /charset\s*=\s*"?([\w-]+)/i.exec(r.content_type ?? '');
        m.set(r.path, { url: r.url, headerCharset: header ? header[1] : null });
      }
      byDir.set(dir, m);
    }
  }
  return byDir.get(dir)!;
}

/** What `cppcc scrape` recorded about a saved page (its URL and header charset), or null for other files. */
export function crawlHint(path: string): CrawlHint | null {
  let dir = dirname(path);
  for (let i = 0; i < MAX_DEPTH; i++) {
    const hints = hintsOf(dir);
    if (hints) return hints.get(relative(dir, path)) ?? null;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}
