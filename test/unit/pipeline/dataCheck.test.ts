import { describe, expect, it } from 'vitest';
import { CppccError } from '../../../src/model/errors.js';
import { compileAll, loadJson } from '../../../src/util/data.js';

describe('data files', () => {
  it('a data file that cannot be read or parsed is E033 naming it, never an uncoded JSON error', () => {
    let err: unknown;
    try {
      loadJson('extract', 'no-such-file.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CppccError);
    expect((err as CppccError).code).toBe('E033');
    expect((err as CppccError).message).toContain('pipelines/extract/no-such-file.json');
  });

  it('a bad pattern is E033 naming the pattern or its file', () => {
    expect(() => compileAll(['ok', '(unclosed'])).toThrow(/\[E033\].*pattern 1 "\(unclosed"/u);
    expect(() => compileAll(['[z-a]'], 'u', 'text/furniture.json')).toThrow(/\[E033\].*pipelines\/text\/furniture\.json/u);
  });
});
