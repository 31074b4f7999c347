import { describe, expect, it } from 'vitest';
import { docFromText } from '../../../src/model/document.js';
import { detectDamageStage, detectDroppedCharacters } from '../../../src/normalize/detectDamage.js';
import { normalizeStage } from '../../../src/normalize/normalize.js';
import { repair } from '../../../src/normalize/repairs.js';
import { detectScript } from '../../../src/normalize/script.js';
import { qualityOf } from '../../../src/output/prediction.js';
import { gold, seeds } from '../../helpers/docs.js';

const normalize = (text: string) => {
  const doc = docFromText(text);
  normalizeStage.run(doc, { options: {} });
  detectDamageStage.run(doc, { options: {} });
  return doc;
};

describe('normalize', () => {
  it('normalize: inline pinyin glosses are removed and mapped back to the original', () => {
    const doc = normalize('全國政協(xié)召開會議，縣政協(xié)黨組書記出席。');
    expect(doc.text).toBe('全国政协召开会议，县政协党组书记出席。');
    const i = doc.text.indexOf('县政协');
    const [s, e] = doc.textToOriginal.mapRange(i, i + 3);
    expect(doc.original.slice(s, e)).toBe('縣政協');
    expect(doc.flags.map((f) => f.ruleId)).toContain('repair.pinyinGloss');
  });

  it('normalize: real parentheses stay (an English word, an abbreviation, a one-off toneless name)', () => {
    for (const t of ['刊物《自然》(Nature)上。', '世界卫生组织(WHO)指出。', '李(li)先生说。']) {
      expect(repair(t).text).toBe(t);
    }
  });

  it.each([[',,', ','], [',;', ';'], [',、', '、'], ['。,', ','], ['、,', ',']])('normalize: doubled punctuation %s collapses to %s', (bad, good) => {
    expect(repair(`甲${bad}乙`).text).toBe(`甲${good}乙`);
  });

  it('normalize: full-width digits, letters and ＋ fold without moving offsets', () => {
    const r = repair('“１＋１０”联帮网格ＡＢ');
    expect(r.text).toBe('“1+10”联帮网格AB');
    expect(r.map.toArray()).toEqual([...Array(r.text.length + 1).keys()]);
  });

  it('normalize: zero-width characters and non-breaking spaces are cleaned', () => {
    expect(repair('政\u200b协\u00a0委员').text).toBe('政协 委员');
  });

  it('normalize: script detection (Simplified, Traditional, mixed) and variant', () => {
    expect(detectScript('市政协党组书记主持会议并讲话').script).toBe('simplified');
    expect(detectScript('全國政協召開遠程協商會議').script).toBe('traditional');
    expect(detectScript('全國政協召開遠程協商會議，市政协党组书记主持会议并讲话').script).toBe('mixed');
    expect(detectScript('這裏的委員們着力推進').variant).toBe('hk');
  });

  it('normalize: dropped 党 and 习 are detected on the damaged seed and nowhere else', () => {
    for (const doc of seeds()) {
      expect(qualityOf(doc).dropped_characters.sort(), doc.source.file).toEqual([...gold(doc.source.file).quality.dropped_characters].sort());
    }
  });

  it('normalize: an undamaged text that never uses 党 is not flagged', () => {
    expect(detectDroppedCharacters('县政协组织委员开展调研，形成调研报告。委员们认真学习，积极建言。')).toEqual([]);
  });

  it.each(seeds().map((d) => [d.source.file, d] as const))('normalize: %s quality fields equal the gold', (file, doc) => {
    expect(qualityOf(doc)).toEqual(gold(file).quality);
  });

  it('normalize: elisions and truncation', () => {
    expect(normalize('会上印发的《实施意见》……略……目标相统一。').flags.map((f) => f.ruleId)).toContain('damage.elided');
    expect(normalize('会议要求，各级政协组织要').flags.map((f) => f.ruleId)).toContain('damage.truncated');
    expect(normalize('会议要求，各级政协组织要抓好落实。').flags.map((f) => f.ruleId)).not.toContain('damage.truncated');
  });
});

describe('normalize: decoding trouble and stray entities', () => {
  it('normalize: stray HTML entities are decoded and mapped back', () => {
    const doc = normalize('政协&nbsp;委员&amp;代表&#12290;');
    expect(doc.text).toBe('政协 委员&代表。');
    const i = doc.text.indexOf('代表');
    expect(doc.original.slice(...doc.textToOriginal.mapRange(i, i + 2))).toBe('代表');
  });

  it('normalize: UTF-8 read as GBK or Latin-1 is flagged; the clean seeds and a Traditional page are not', async () => {
    const iconv = (await import('iconv-lite')).default;
    const { detectMojibake } = await import('../../../src/normalize/detectDamage.js');
    for (const doc of seeds()) {
      expect(detectMojibake(doc.original), doc.source.file).toBeNull();
      expect(detectMojibake(iconv.decode(Buffer.from(doc.original, 'utf8'), 'gbk'))?.kind).toBe('utf8-as-gbk');
      expect(detectMojibake(iconv.decode(Buffer.from(doc.original, 'utf8'), 'latin1'))?.kind).toBe('utf8-as-latin1');
    }
    expect(detectMojibake('崗位責任制要求收斂鋒芒，全國政協委員們積極參政議政、建言獻策，並在崗位上發揮作用。')).toBeNull();
  });
});
