import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import robotsParserModule from 'robots-parser';
import { decodeBytes, BinaryContentError } from '../util/decode.js';
import { CppccError, errorMessage } from '../model/errors.js';
import type { ResolvedProfile, SiteProfiles } from '../sites/profiles.js';
import { sha256 } from '../util/hash.js';
import { userAgent, type ScrapeConfig } from './config.js';
import { HostGate } from './hostGate.js';
import { httpGet, isFailure, isHttpUrl, type HttpResponse } from './http.js';
import { isArticleUrl, listLinks } from './links.js';
import { Manifest, type FetchRecord, type PageKind } from '../sites/manifest.js';
import { retryableStatus, retryAfterMs, waitBeforeRetry } from './retry.js';
import { pathForUrl, writeAtomic } from './storage.js';

export interface CrawlOptions {
  rawDir: string;
  config: ScrapeConfig;
  profiles: SiteProfiles;
  /** Force one site profile for every seed. */
  site?: string;
  /** Ignore the TTL: every page known before gets a conditional request. */
  refresh?: boolean;
  signal?: AbortSignal;
  log?(line: string): void;
  /** Called for every HTTP request made (after it ends). */
  onRequest?(r: RequestEvent): void;
  random?: () => number;
}

export interface RequestEvent {
  url: string;
  host: string;
  startedAt: number;
  endedAt: number;
  status: number | null;
  conditional: boolean;
}

export interface CrawlReport {
  requests: number;
  stored: number;
  notModified: number;
  fromCache: number;
  disallowed: number;
  skipped: number;
  failed: number;
  /** Stopped by --max-pages or a signal before the frontier was empty. */
  incomplete: boolean;
  warnings: string[];
}

interface Page {
  body: Buffer;
  text: string;
}

interface RobotRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS (module.exports = function); its typings describe it as a namespace under NodeNext.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => RobotRules;

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

function headerCharset(contentType: string | null): string | null {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '');
  return m ? m[1] : null;
}

/**
 * A polite, resumable crawl: robots.txt and Crawl-delay obeyed, one request at a time per host spaced by the
 * delay, bounded retries with backoff, a TTL cache with conditional requests, and an append-only manifest
 * that makes a restarted crawl continue instead of starting over.
 */
export class Crawler {
  private readonly manifest: Manifest;
  private readonly gate: HostGate;
  private readonly robots = new Map<string, Promise<RobotRules | 'allow-all' | 'disallow-all'>>();
  private readonly ua: string;
  private readonly seen = new Set<string>();
  private budget: number;
  readonly report: CrawlReport = { requests: 0, stored: 0, notModified: 0, fromCache: 0, disallowed: 0, skipped: 0, failed: 0, incomplete: false, warnings: [] };

  constructor(private readonly o: CrawlOptions, maxPages: number) {
    this.manifest = new Manifest(o.rawDir);
    this.report.warnings.push(...this.manifest.warnings);
    this.gate = new HostGate(o.config.delayMs);
    this.ua = userAgent(o.config);
    this.budget = maxPages;
  }

  private log(s: string): void {
    this.o.log?.(s);
  }

  private fresh(r: FetchRecord): boolean {
    return !this.o.refresh && Date.now() - Date.parse(r.fetched_at) < this.o.config.ttlHours * 3600_000;
  }

  private record(partial: Partial<FetchRecord> & Pick<FetchRecord, 'url' | 'kind' | 'outcome'>): FetchRecord {
    const r: FetchRecord = {
      final_url: null, reason: null, status: null, fetched_at: new Date().toISOString(), attempts: 0, etag: null, last_modified: null,
      content_type: null, charset: null, charset_by: null, charset_warning: null, sha256: null, bytes: null, path: null, ...partial,
    };
    this.manifest.append(r);
    return r;
  }

  /** GET with retries through the host gate; every request is reported. */
  private async request(url: string, headers: Record<string, string>): Promise<{ res: HttpResponse | null; attempts: number; reason: string | null }> {
    const host = new URL(url).host;
    const c = this.o.config;
    let extraWait = 0;
    for (let attempt = 1; ; attempt++) {
      const r = await this.gate.run(host, async () => {
        const t0 = Date.now();
        const out = await httpGet(url, {
          headers: { 'user-agent': this.ua, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', ...headers },
          timeoutMs: c.timeoutMs, maxBytes: c.maxBodyBytes, maxRedirects: c.maxRedirects,
          allowRedirect: async (next) => {
            if (!isHttpUrl(next)) return 'not http(s)';
            if (!(await this.allowed(next))) return 'disallowed by robots.txt';
            // A redirect hop is one more request: it waits the delay of the host it goes to.
            await new Promise((r) => setTimeout(r, this.gate.delayOf(new URL(next).host)));
            return null;
          },
        });
        this.report.requests++;
        this.o.onRequest?.({ url, host, startedAt: t0, endedAt: Date.now(), status: isFailure(out) ? null : out.status, conditional: 'if-none-match' in headers || 'if-modified-since' in headers });
        return out;
      }, extraWait);
      let wait: number | null = null;
      let reason: string;
      if (isFailure(r)) {
        reason = `${r.kind}: ${r.message}`;
        if (!r.retry) return { res: null, attempts: attempt, reason };
      } else if (retryableStatus(r.status)) {
        reason = `HTTP ${r.status}`;
        wait = retryAfterMs(r.headers.get('retry-after'));
        if (wait !== null && wait > c.maxRetryAfterMs) return { res: null, attempts: attempt, reason: `${reason}, Retry-After ${wait} ms is longer than maxRetryAfterMs` };
      } else {
        return { res: r, attempts: attempt, reason: null };
      }
      if (attempt >= c.maxAttempts || this.o.signal?.aborted) return { res: null, attempts: attempt, reason: `${reason} after ${attempt} attempts` };
      extraWait = waitBeforeRetry(attempt, wait, c, this.o.random);
      this.log(`retry ${attempt}/${c.maxAttempts - 1} of ${url} in ${extraWait} ms (${reason})`);
    }
  }

  /** robots.txt of the URL's origin, fetched once per crawl (and cached like any page). */
  private async allowed(url: string): Promise<boolean> {
    const u = new URL(url);
    if (!this.robots.has(u.origin)) this.robots.set(u.origin, this.loadRobots(u.origin));
    const rules = await this.robots.get(u.origin)!;
    if (rules === 'allow-all') return true;
    if (rules === 'disallow-all') return false;
    return rules.isAllowed(url, this.ua) !== false;
  }

  private async loadRobots(origin: string) {
    const url = `${origin}/robots.txt`;
    const page = await this.fetch(url, 'robots');
    // RFC 9309: an unreachable robots.txt (5xx, network) means "disallow all"; a missing one (4xx) allows all.
    if (page === 'unavailable') return 'disallow-all' as const;
    if (page === null) return 'allow-all' as const;
    const rules = robotsParser(url, page.text);
    const delay = rules.getCrawlDelay(this.ua);
    if (delay) this.gate.setDelay(new URL(origin).host, delay * 1000);
    return rules;
  }

  private readStored(r: FetchRecord): Page | null {
    try {
      const body = readFileSync(join(this.o.rawDir, r.path!));
      return { body, text: decodeBytes(body, r.charset).text };
    } catch {
      return null;
    }
  }

  /**
   * One page: from the cache within the TTL, else a (conditional) request; stored atomically and recorded.
   * Null when there is no page (refused, skipped, failed); 'unavailable' for a robots.txt the server could not give.
   */
  async fetch(url: string, kind: PageKind): Promise<Page | null | 'unavailable'> {
    const known = this.manifest.latest(url);
    const stored = this.manifest.stored(url);
    if (stored && this.fresh(stored)) {
      const page = this.readStored(stored);
      if (page) {
        this.report.fromCache++;
        return page;
      }
    }
    // Within the TTL no URL is asked again, whatever its outcome was (a refusal, a skip, a failure):
    // a restarted crawl continues instead of hammering what failed; --refresh asks again.
    if (known && !stored && this.fresh(known)) return null;
    if (kind !== 'robots' && !(await this.allowed(url))) {
      this.report.disallowed++;
      this.record({ url, kind, outcome: 'disallowed', reason: 'disallowed by robots.txt' });
      this.log(`robots.txt disallows ${url}`);
      return null;
    }
    if (this.o.signal?.aborted || this.budget <= 0) {
      this.report.incomplete = true;
      return null;
    }
    this.budget--;
    const headers: Record<string, string> = {};
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    if (stored?.last_modified) headers['if-modified-since'] = stored.last_modified;
    const { res, attempts, reason } = await this.request(url, headers);
    if (!res) {
      this.report.failed++;
      this.record({ url, kind, outcome: 'failed', reason, attempts });
      this.log(`failed ${url}: ${reason}`);
      return kind === 'robots' ? 'unavailable' : null;
    }
    const base = {
      url, kind, final_url: res.url, status: res.status, attempts,
      etag: res.headers.get('etag'), last_modified: res.headers.get('last-modified'), content_type: res.headers.get('content-type'),
    };
    if (res.status === 304 && stored) {
      const page = this.readStored(stored);
      if (page) {
        this.report.notModified++;
        this.record({ ...stored, ...base, etag: base.etag ?? stored.etag, last_modified: base.last_modified ?? stored.last_modified, content_type: stored.content_type, outcome: 'not-modified', reason: null, fetched_at: new Date().toISOString() });
        return page;
      }
    }
    if (res.status < 200 || res.status >= 300) {
      this.report.failed++;
      this.record({ ...base, outcome: 'failed', reason: `HTTP ${res.status}` });
      return kind === 'robots' && res.status >= 500 ? 'unavailable' : null;
    }
    if (kind !== 'robots' && !HTML_TYPES.test(base.content_type ?? 'text/html')) {
      this.report.skipped++;
      this.record({ ...base, outcome: 'skipped', reason: `content type ${base.content_type} is not HTML` });
      this.log(`skipped ${url}: ${base.content_type}`);
      return null;
    }
    let decoded;
    try {
      decoded = decodeBytes(res.body, headerCharset(base.content_type));
    } catch (e) {
      this.report.skipped++;
      this.record({ ...base, outcome: 'skipped', reason: e instanceof BinaryContentError ? `binary content: ${e.message}` : errorMessage(e) });
      return null;
    }
    const path = pathForUrl(url, kind);
    writeAtomic(join(this.o.rawDir, path), res.body);
    this.report.stored++;
    this.record({
      ...base, outcome: 'stored', charset: decoded.encoding, charset_by: decoded.by, charset_warning: decoded.warning ?? null,
      sha256: sha256(res.body), bytes: res.body.length, path,
    });
    this.log(`stored ${url} (${res.body.length} bytes, ${decoded.encoding})`);
    return { body: res.body, text: decoded.text };
  }

  /** Crawl from seed URLs: article URLs are stored; list pages are walked for article links and pagination. */
  async crawl(seeds: string[]): Promise<CrawlReport> {
    for (const s of seeds) if (!isHttpUrl(s)) throw new CppccError('E021', { input: s, cause: 'only http and https URLs can be scraped' });
    const limit = pLimit(this.o.config.concurrency);
    const pending = new Set<Promise<void>>();
    const schedule = (url: string, kind: 'article' | 'list', depth: number, profile: ResolvedProfile) => {
      if (this.seen.has(url)) return;
      this.seen.add(url);
      const p: Promise<void> = limit(async () => {
        const page = await this.fetch(url, kind);
        if (kind !== 'list' || !page || page === 'unavailable') return;
        const links = listLinks(page.text, url, profile);
        for (const a of links.articles) schedule(a, 'article', depth, profile);
        if (depth < this.o.config.listMaxDepth) for (const n of links.next) schedule(n, 'list', depth + 1, profile);
      }).finally(() => pending.delete(p));
      pending.add(p);
    };
    for (const s of seeds) {
      const profile = this.o.profiles.forUrl(s, this.o.site);
      schedule(s, isArticleUrl(s, profile) ? 'article' : 'list', 0, profile);
    }
    while (pending.size) await Promise.race(pending);
    if (this.o.signal?.aborted) this.report.incomplete = true;
    return this.report;
  }
}
