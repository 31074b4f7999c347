import { describe, expect, it } from 'vitest';
import { CppccError, ERRORS, type ErrorCode, renderError } from '../../../src/model/errors.js';

describe('errors', () => {
  it.each(Object.keys(ERRORS) as ErrorCode[])('errors: %s renders with every placeholder filled', (code) => {
    const params = Object.fromEntries([...ERRORS[code].matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `<${m[1]}>`]));
    const msg = renderError(code, params);
    expect(msg.startsWith(`[${code}] `)).toBe(true);
    expect(msg).not.toMatch(/\?>|\{\w+\}/);
  });

  it('errors: CppccError carries its code and message', () => {
    const e = new CppccError('E002', { input: 'a.txt' });
    expect(e.code).toBe('E002');
    expect(e.message).toBe('[E002] a.txt is empty. Nothing to process; remove it or re-save the page.');
  });
});
