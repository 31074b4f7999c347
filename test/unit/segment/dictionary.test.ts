import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeUserDictionary } from '../../../src/segment/dictionary.js';

describe('segment: the jieba user dictionary is written only where this user alone writes', () => {
  let home = '';
  const saved = process.env.XDG_CACHE_HOME;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cppcc-cache-'));
    process.env.XDG_CACHE_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    rmSync(home, { recursive: true, force: true });
  });

  it('dictionary: in the per-user cache directory, mode 0700, one line per word', () => {
    const path = writeUserDictionary(['测试专用词']);
    expect(dirname(path)).toBe(join(home, 'cppcc-pipeline'));
    expect(lstatSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toMatch(/^测试专用词 \d+ nz$/mu);
  });

  it('dictionary: a symlink planted under its name is replaced, and the file it points to is untouched', () => {
    const path = writeUserDictionary(['测试专用词']);
    const victim = join(home, 'victim.txt');
    writeFileSync(victim, 'precious');
    rmSync(path);
    symlinkSync(victim, path);
    expect(writeUserDictionary(['测试专用词'])).toBe(path);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain('测试专用词');
  });

  it('dictionary: a cache directory that is a link, or that others may write, is not used', () => {
    const elsewhere = join(home, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(home, 'cppcc-pipeline'));
    const viaLink = writeUserDictionary(['测试专用词']);
    expect(dirname(viaLink)).not.toBe(join(home, 'cppcc-pipeline'));
    expect(lstatSync(dirname(viaLink)).mode & 0o777).toBe(0o700);

    rmSync(join(home, 'cppcc-pipeline'));
    mkdirSync(join(home, 'cppcc-pipeline'));
    chmodSync(join(home, 'cppcc-pipeline'), 0o777);
    expect(dirname(writeUserDictionary(['测试专用词']))).not.toBe(join(home, 'cppcc-pipeline'));
  });
});
