import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { scrapeConfig } from '../../scrape/config.js';
import { Crawler } from '../../scrape/crawl.js';
import { siteProfiles } from '../../sites/profiles.js';
import { EXIT, guard, log, positiveInt } from '../common.js';

/** Below this per-host delay a crawl is faster than CPPCC site operators tolerate; allowed (tests, own mirrors) with a warning. */
const POLITE_DELAY_MS = 1000;

function nonNegativeInt(key: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${v} is not a whole number ≥ 0 (${key})`);
    return n;
  };
}

interface ScrapeOpts {
  raw: string;
  site?: string;
  maxPages?: number;
  delayMs?: number;
  concurrency?: number;
  timeoutMs?: number;
  contact?: string;
  refresh?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function scrapeCommand(): Command {
  return new Command('scrape')
    .description('fetch article pages (and list pages with their pagination) into corpus/raw/<host>/, politely and resumably; then `cppcc run corpus/raw`')
    .argument('<urls...>', 'article or list page URLs (http or https)')
    .option('--raw <dir>', 'folder for fetched pages and the manifest (.manifest.jsonl)', 'corpus/raw')
    .option('--site <name>', 'site profile in pipelines/sites/ (default: matched by host, else generic)')
    .option('--max-pages <n>', 'network fetches in this run (default from pipelines/scrape.json)', positiveInt('--max-pages'))
    .option('--delay-ms <n>', 'pause between requests to one host (robots.txt Crawl-delay can raise it)', nonNegativeInt('--delay-ms'))
    .option('--concurrency <n>', 'requests in flight across hosts', positiveInt('--concurrency'))
    .option('--timeout-ms <n>', 'give up on a response after this long (then retry)', positiveInt('--timeout-ms'))
    .option('--contact <url>', 'contact URL or mailto: named in the User-Agent')
    .option('--refresh', 'ignore the cache TTL: revalidate every known page with a conditional request')
    .option('--json', 'print the crawl report as JSON on stdout')
    .option('--quiet', 'no per-page log lines')
    .addHelpText('after', '\nExamples:\n  cppcc scrape http://www.example.gov.cn/zxyw/index.html --max-pages 50\n  cppcc run corpus/raw\n\nA crawl stopped by Ctrl-C or a crash continues where it stopped when run again.\n')
    .action((urls: string[], opts: ScrapeOpts) => guard(async () => {
      const config = scrapeConfig({ delayMs: opts.delayMs, concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, contactUrl: opts.contact, maxPages: opts.maxPages });
      if (config.delayMs < POLITE_DELAY_MS) log(`warning: --delay-ms ${config.delayMs} is below ${POLITE_DELAY_MS} ms; use it only for your own mirror or a test server`);
      const abort = new AbortController();
      const onSigint = () => { log('interrupt: finishing requests in flight, then stopping…'); abort.abort(); };
      process.once('SIGINT', onSigint);
      const crawler = new Crawler({
        rawDir: resolve(opts.raw), config, profiles: siteProfiles(), site: opts.site, refresh: opts.refresh, signal: abort.signal,
        log: opts.quiet ? undefined : log,
      }, config.maxPages);
      const r = await crawler.crawl(urls);
      process.off('SIGINT', onSigint);
      for (const w of r.warnings) log(w);
      log(`scrape: ${r.requests} requests, ${r.stored} stored, ${r.notModified} not modified, ${r.fromCache} from cache, ${r.disallowed} disallowed by robots.txt, ${r.skipped} skipped, ${r.failed} failed`);
      if (r.incomplete) log('stopped before the end (--max-pages or interrupt); run the same command again to continue.');
      if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
      return r.failed && !r.stored && !r.notModified && !r.fromCache ? EXIT.failed : EXIT.ok;
    }));
}
