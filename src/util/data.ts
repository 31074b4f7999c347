import { readFileSync } from 'node:fs';
import { pipelinesPath } from './paths.js';

const cache = new Map<string, unknown>();

/** Load a JSON data file under pipelines/ once per process. */
export function loadJson<T>(...parts: string[]): T {
  const key = parts.join('/');
  if (!cache.has(key)) cache.set(key, JSON.parse(readFileSync(pipelinesPath(...parts), 'utf8')));
  return cache.get(key) as T;
}

/** Load a tab-separated table (first line = column names) under pipelines/ once per process. */
export function loadTsv(...parts: string[]): Record<string, string>[] {
  const key = 'tsv:' + parts.join('/');
  if (!cache.has(key)) {
    const lines = readFileSync(pipelinesPath(...parts), 'utf8').split(/\r?\n/).filter((l) => l.trim());
    const head = lines[0].split('\t');
    cache.set(key, lines.slice(1).map((l) => {
      const cells = l.split('\t');
      return Object.fromEntries(head.map((h, i) => [h, (cells[i] ?? '').trim()]));
    }));
  }
  return cache.get(key) as Record<string, string>[];
}

/** Compile a list of regex sources once. */
export function compileAll(sources: string[], flags = 'u'): RegExp[] {
  return sources.map((s) => new RegExp(s, flags));
}
