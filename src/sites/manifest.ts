import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CppccError, errorMessage } from '../model/errors.js';

export type PageKind = 'article' | 'list' | 'robots';
export type Outcome = 'stored' | 'not-modified' | 'skipped' | 'failed' | 'disallowed';

/** One line of the crawl manifest: one fetch (or one refusal to fetch) of one URL. */
export interface FetchRecord {
  url: string;
  final_url: string | null;
  kind: PageKind;
  outcome: Outcome;
  /** Why the page was skipped, refused or failed. */
  reason: string | null;
  status: number | null;
  fetched_at: string;
  attempts: number;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  charset: string | null;
  /** How the charset was chosen: bom, header, meta, utf8-valid, detected. */
  charset_by: string | null;
  /** Set when the bytes do not fit the declared charset. */
  charset_warning: string | null;
  sha256: string | null;
  bytes: number | null;
  /** The stored copy, relative to the raw folder. */
  path: string | null;
}

export const MANIFEST_FILE = '.manifest.jsonl';

/**
 * The crawl manifest: an append-only JSON-lines log in the raw folder. Appends are whole lines; a line cut
 * by a kill is reported and skipped on the next load, and the next append starts on a fresh line.
 */
export class Manifest {
  readonly path: string;
  private readonly byUrl = new Map<string, FetchRecord>();
  readonly warnings: string[] = [];

  constructor(readonly rawDir: string) {
    this.path = join(rawDir, MANIFEST_FILE);
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, 'utf8');
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const r = JSON.parse(line) as FetchRecord;
        if (typeof r.url !== 'string' || typeof r.outcome !== 'string') throw new Error('not a fetch record');
        this.byUrl.set(r.url, r);
      } catch (e) {
        this.warnings.push(new CppccError('E022', { input: this.path, line: i + 1, cause: errorMessage(e) }).message);
      }
    });
    if (text.length && !text.endsWith('\n')) appendFileSync(this.path, '\n');
  }

  /** The newest record of a URL. */
  latest(url: string): FetchRecord | undefined {
    return this.byUrl.get(url);
  }

  /** The newest record that has a stored copy (stored or not-modified). */
  stored(url: string): FetchRecord | undefined {
    const r = this.byUrl.get(url);
    return r && (r.outcome === 'stored' || r.outcome === 'not-modified') && r.path ? r : undefined;
  }

  append(r: FetchRecord): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, JSON.stringify(r) + '\n');
    this.byUrl.set(r.url, r);
  }

  records(): FetchRecord[] {
    return [...this.byUrl.values()];
  }
}

/** Every line of a manifest file, in order (for audits and tests). */
export function readManifestLines(rawDir: string): FetchRecord[] {
  const p = join(rawDir, MANIFEST_FILE);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => {
    try {
      return [JSON.parse(l) as FetchRecord];
    } catch {
      return [];
    }
  });
}
