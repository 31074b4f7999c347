import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './docs.js';

/** The built command, as `npm start` runs it. */
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Run `cppcc ARGS` from the package root and wait for it. */
export const cppcc = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
