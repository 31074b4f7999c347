import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJson, loadTsv } from '../util/data.js';
import { sha256 } from '../util/hash.js';

export interface SegmentData {
  lexiconFrequency: number;
  extraWords: string[];
  institutionWords: string[];
  protected: string[];
  quotedLabelMaxChars: number;
  chineseNumerals: { digits: string; units: string; minChars: number };
  quotedCouplet: { clauseMinChars: number; clauseMaxChars: number; maxClauses: number; notInSlogans: string };
}

/** Words of the domain dictionary: lexicon names, org vocabulary (bodies, titles, groups), institutions of party life, extra words, discovered labels. */
export function domainWords(extra: string[] = []): string[] {
  const d = loadJson<SegmentData>('segment', 'segment.json');
  const lex = loadTsv('lexicon', 'lexicon.tsv').map((r) => r.simplified);
  const org = loadTsv('lexicon', 'org_vocab.tsv').map((r) => r.simplified);
  return [...new Set([...lex, ...org, ...d.institutionWords, ...d.extraWords, ...extra])]
    .filter((w) => w && !/[\s、，,（(]/u.test(w));
}

let fallbackDir: string | null = null;

/**
 * A cache directory only this user can write: $XDG_CACHE_HOME/cppcc-pipeline (~/.cache/…), created
 * with mode 0700 and used only if it is a real directory (no symlink) owned by this user and writable
 * by no one else. Otherwise (no usable home, as in some containers) a fresh private directory from
 * mkdtemp for this process, removed at exit. Never a fixed path in the shared temp folder, where
 * another user could plant a symlink or take the name first.
 */
export function privateCacheDir(): string {
  const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cppcc-pipeline');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o022) === 0) return dir;
  } catch {
    // Not creatable (a read-only or missing home): the private temp directory below.
  }
  if (!fallbackDir) {
    const made = mkdtempSync(join(tmpdir(), 'cppcc-pipeline-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    fallbackDir = made;
  }
  return fallbackDir;
}

/**
 * Write the jieba user dictionary (word, frequency, tag) to a content-addressed file in the private
 * cache directory; returns its path. A file already there under its name is reused; otherwise it is
 * written to a new name (O_CREAT|O_EXCL: never through an existing file or link) and renamed into
 * place, so concurrent workers never see half a file.
 */
export function writeUserDictionary(extra: string[] = []): string {
  const d = loadJson<SegmentData>('segment', 'segment.json');
  const body = domainWords(extra).map((w) => `${w} ${d.lexiconFrequency} nz`).join('\n') + '\n';
  const dir = privateCacheDir();
  const path = join(dir, `user-${sha256(body).slice(0, 16)}.dict.utf8`);
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isFile() && existing.size === Buffer.byteLength(body)) return path;
  const tmp = join(dir, `.user-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(tmp, body, { flag: 'wx', mode: 0o600 });
  renameSync(tmp, path);
  return path;
}
