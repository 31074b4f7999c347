import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The package root (holds package.json and pipelines/), whether running from src/ or dist/src/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'cppcc-pipeline') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cppcc-pipeline package root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export function pipelinesPath(...parts: string[]): string {
  return join(packageRoot(), 'pipelines', ...parts);
}
