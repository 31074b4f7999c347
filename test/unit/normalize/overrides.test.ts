import { describe, expect, it } from 'vitest';
import { toSimplified } from '../../../src/normalize/script.js';

describe('normalize: OpenCC pitfalls (pipelines/normalize/opencc-overrides.json)', () => {
  it.each([
    ['乾隆年間', '乾隆年间'], ['乾坤', '乾坤'], ['吉林省乾安縣', '吉林省乾安县'], ['乾縣', '乾县'], ['乾燥的天氣', '干燥的天气'], ['餅乾', '饼干'],
    ['著名學者', '著名学者'], ['著作等身', '著作等身'], ['他穿著大衣', '他穿着大衣'], ['隨著發展', '随着发展'],
    ['於先生說', '於先生说'], ['於女士表示', '於女士表示'], ['於是大家', '于是大家'], ['關於政協', '关于政协'],
    ['瞭解情況', '了解情况'], ['瞭望塔', '瞭望塔'], ['明瞭', '明了'],
    ['藉口', '借口'], ['憑藉', '凭借'], ['狼藉', '狼藉'], ['慰藉', '慰藉'], ['藉貫', '籍贯'],
    ['覆蓋', '覆盖'], ['答覆', '答复'], ['反覆', '反复'], ['顛覆', '颠覆'], ['重蹈覆轍', '重蹈覆辙'],
  ])('normalize: %s → %s (generic Traditional)', (input, expected) => {
    const r = toSimplified(input, 't');
    expect(r.text).toBe(expected);
    // Overrides keep lengths, so the map stays 1:1.
    expect(r.map.toArray()).toEqual([...Array(input.length + 1).keys()]);
  });

  it('normalize: the Taiwan and Hong Kong configurations get the same corrections', () => {
    for (const v of ['tw', 'hk'] as const) expect(toSimplified('於先生穿著大衣，藉貫乾安', v).text).toBe('於先生穿着大衣，籍贯乾安');
  });
});
