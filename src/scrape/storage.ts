import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from '../util/hash.js';

/**
 * Where a URL's page is kept, relative to the raw folder: `<host>/<path words>-<hash>.html`. A function of
 * the URL alone, so a page fetched twice (after a restart) lands on the same file and is never stored twice.
 * List pages go under `.lists/` (hidden from `cppcc run`), robots.txt under `.robots/`.
 */
export function pathForUrl(url: string, kind: 'article' | 'list' | 'robots'): string {
  const u = new URL(url);
  const host = u.host.replace(/[^\w.-]/g, '_');
  const words = (u.pathname + u.search).replace(/\.s?html?$/i, '').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(-80) || 'index';
  const name = `${words}-${sha256(url).slice(0, 10)}.${kind === 'robots' ? 'txt' : 'html'}`;
  return kind === 'article' ? join(host, name) : join(kind === 'list' ? '.lists' : '.robots', host, name);
}

/** Write through a temporary file and rename: a kill mid-write never leaves half a page under the real name. */
export function writeAtomic(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
