import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BinaryContentError, decodeBytes } from '../../../src/util/decode.js';

const TEXT = '市政协党组书记、主席王炯强调，要推动政协工作提质增效。';

describe('decode', () => {
  it('decode: UTF-8 without declaration', () => {
    const d = decodeBytes(Buffer.from(TEXT, 'utf8'));
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe('utf-8');
  });

  it('decode: UTF-8 BOM is stripped', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(d).toMatchObject({ text: TEXT, by: 'bom' });
  });

  it('decode: GBK bytes with a declared gb2312 charset', () => {
    const html = `<html><head><meta charset="gb2312"></head><body>${TEXT}</body></html>`;
    const d = decodeBytes(iconv.encode(html, 'gbk'));
    expect(d.text).toContain(TEXT);
    expect(d.by).toBe('declared');
  });

  it('decode: undeclared GB18030 bytes are detected', () => {
    const long = TEXT.repeat(20);
    const d = decodeBytes(iconv.encode(long, 'gb18030'));
    expect(d.text).toBe(long);
    expect(d.by).toBe('detected');
  });

  it('decode: Big5 page with its charset declared', () => {
    const trad = '全國政協召開遠程協商會，廣西設分會場。';
    const d = decodeBytes(iconv.encode(`<meta charset="big5">${trad}`, 'big5'));
    expect(d.text).toContain(trad);
  });

  it('decode: a page declaring gb2312 whose bytes are UTF-8 is read as UTF-8 with a warning', () => {
    const d = decodeBytes(Buffer.from(`<meta charset="gb2312">${TEXT}`, 'utf8'));
    expect(d.text).toContain(TEXT);
    expect(d.warning).toMatch(/UTF-8/);
  });

  it('decode: binary content is refused', () => {
    const bytes = Buffer.alloc(2000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
    expect(() => decodeBytes(bytes)).toThrow(BinaryContentError);
  });
});
