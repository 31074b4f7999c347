import { describe, expect, it } from 'vitest';
import { findTimePhrases, perUnitFrequency, resolveRelativeDay } from '../../../src/extract/timePhrases.js';

const phrases = (s: string) => findTimePhrases(s).map((t) => (t.frequency ? `~${t.surface}` : t.surface));

describe('time phrases', () => {
  it.each([
    ['2021年以来，共办结。', ['2021年以来']],
    ['五年来，区政协共提出建议。', ['五年来']],
    ['截至2024年6月，该联络站共收集。', ['截至2024年6月']],
    ['今年以来，过去一年，全年，目前。', ['今年以来', '过去一年', '全年', '目前']],
    ['政协十四届一次会议以来，委员们积极建言。', ['政协十四届一次会议以来']],
    ['2010年至2015年，该公司连续盈利。', ['2010年至2015年']],
    ['3月10日至12日，会议召开。', ['3月10日至12日']],
  ])('%s', (text, expected) => {
    expect(phrases(text)).toEqual(expected);
  });

  it('frequencies are marked and keep a weekday, not a count (每周三 but 每周一次)', () => {
    expect(phrases('每季度开展一次，每周三由一名委员接待，每周一次。')).toEqual(['~每季度', '~每周三', '~每周']);
  });

  it('a year is not read inside a frequency, nor 30日内 as a date', () => {
    expect(phrases('每年开展两次，自公布之日起30日内办结。')).toEqual(['~每年']);
  });

  it('a rate after a unit is a frequency', () => {
    expect(perUnitFrequency('/年，')).toBe('每年');
    expect(perUnitFrequency('，全年')).toBeNull();
  });

  it('days counted from the publication date', () => {
    expect(resolveRelativeDay('今天下午', '2024-04-27')).toBe('2024年4月27日');
    expect(resolveRelativeDay('3日下午', '2019-03-03')).toBe('2019年3月3日');
    expect(resolveRelativeDay('28日', '2022-01-02')).toBe('2021年12月28日');
    expect(resolveRelativeDay('今天', null)).toBe('今天');
    expect(resolveRelativeDay('五年来', '2024-04-27')).toBe('五年来');
  });
});
