import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Write the jieba user dictionary (word, frequency, tag) to a content-addressed temp file; returns its path. */
export function writeUserDictionary(extra: string[] = []): string {
  const d = loadJson<SegmentData>('segment', 'segment.json');
  const body = domainWords(extra).map((w) => `${w} ${d.lexiconFrequency} nz`).join('\n') + '\n';
  const dir = join(tmpdir(), 'cppcc-pipeline');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `user-${sha256(body).slice(0, 16)}.dict.utf8`);
  writeFileSync(path, body);
  return path;
}
