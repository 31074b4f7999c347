import { readFileSync } from 'node:fs';
import { CppccError, errorMessage } from '../model/errors.js';
import { pipelinesPath } from './paths.js';

const cache = new Map<string, unknown>();

/** Load a JSON data file under pipelines/ once per process. */
export function loadJson<T>(...parts: string[]): T {
  const key = parts.join('/');
  if (!cache.has(key)) {
    const path = pipelinesPath(...parts);
    try {
      cache.set(key, JSON.parse(readFileSync(path, 'utf8')));
    } catch (e) {
      // A broken data file must stop the run at once with its name, not fail every document.
      throw new CppccError('E033', { input: path, cause: errorMessage(e) });
    }
  }
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

/** Compile a list of regex sources once; a bad one is an error naming the pattern (and its data file, when given). */
export function compileAll(sources: string[], flags = 'u', file?: string): RegExp[] {
  return sources.map((s, i) => {
    try {
      return new RegExp(s, flags);
    } catch (e) {
      throw new CppccError('E033', { input: file ? pipelinesPath(file) : `pattern ${i} "${s.slice(0, 60)}"`, cause: errorMessage(e) });
    }
  });
}
