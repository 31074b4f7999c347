import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';

/** An annotated set: documents and the gold that describes them. */
export interface EvalSet { name: string; docs: string; gold: string; about: string }

/** The bundled development sets (test/eval/sets.json), paths resolved from the package root. */
export function developmentSets(): EvalSet[] {
  const root = packageRoot();
  const data = JSON.parse(readFileSync(join(root, 'test', 'eval', 'sets.json'), 'utf8')) as { sets: Record<string, Omit<EvalSet, 'name'>> };
  return Object.entries(data.sets).map(([name, s]) => ({ name, about: s.about, docs: join(root, s.docs), gold: join(root, s.gold) }));
}

/** Gold files of a folder (every .json), sorted by name. */
export function readGold(dir: string): Record<string, unknown>[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
}
