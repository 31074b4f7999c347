import { describe, expect, it } from 'vitest';
import type { Mechanism } from '../../../src/model/results.js';
import { englishName } from '../../../src/extract/lexicon.js';
import { expectedCount } from '../../../src/extract/mechanisms/index.js';
import { expectSpansValid, processText, seeds } from '../../helpers/docs.js';

const mechanisms = (text: string) => processText(text).extracted.mechanisms as Mechanism[];
const names = (text: string) => mechanisms(text).map((m) => m.name);

describe('mechanisms', () => {
  it.each([
    '他一心一意为群众办事，从不三心二意。',
    '会议开了三个月，每次讨论两个小时。',
    '他第一个发言，随后大家一次次鼓掌。',
    '深入学习“七一”重要讲话精神。',
    '1名委员获“全国最美志愿者”称号。',
    '大家心里七上八下，一环扣一环地推进。',
    '市政协提出“坚持和加强党对政协工作的领导，谱写新时代政协事业发展新篇章”的要求。',
    '他感慨“源头活水”来自党的领导。',
    '全年新增投入“3.08亿元”，帮扶“366人”。',
  ])('mechanisms: trap yields nothing: %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('mechanisms: quoted numbered label with a category word, org from the sentence', () => {
    const [m] = mechanisms('近年来，宾阳县政协创新实施“三联两评”党建工作机制，推动履职。');
    expect(m).toMatchObject({ name: '三联两评', kind: 'numbered', category: '党建工作机制', org: '宾阳县政协', expected: 5 });
  });

  it('mechanisms: A+B frameworks are compound, with their parts as components', () => {
    const [m] = mechanisms('县政协按照“党组+委员+企业”模式，打造联建基地。');
    expect(m).toMatchObject({ name: '党组+委员+企业', kind: 'compound', category: '模式', components: ['党组', '委员', '企业'] });
  });

  it('mechanisms: “1”是…“2”是… spells out a digit label', () => {
    const [m] = mechanisms('该区政协推行了“123”工作法：“1”是一个目标，“2”是两项制度，“3”是三级联动。');
    expect(m.name).toBe('123');
    expect(m.components).toHaveLength(3);
    expect(m.countMismatch).toBe(false);
  });

  it('mechanisms: an enumeration before the label gives components and is checked against the numeral', () => {
    const [m] = mechanisms('县政协实施每月走访一次、每季度座谈一次、每年调研一次的“三个一”活动。');
    expect(m.name).toBe('三个一');
    expect(m.components).toHaveLength(3);
    expect(m.countMismatch).toBe(false);
  });

  it('mechanisms: a definition after a colon', () => {
    const m = mechanisms('在工作中体现两个到位：责任落实到位；措施保障到位。').find((x) => x.name === '两个到位');
    expect(m?.components).toEqual(['责任落实到位', '措施保障到位']);
  });

  it('mechanisms: a definition in parentheses after the label', () => {
    const [m] = mechanisms('县政协推进“两个全覆盖”（党的组织对党员委员全覆盖、党的工作对全体委员全覆盖），成效明显。');
    expect(m.components).toEqual(['党的组织对党员委员全覆盖', '党的工作对全体委员全覆盖']);
  });

  it('mechanisms: named programmes need a category word or an introducing verb', () => {
    expect(names('结合区委牵头的“党员冬训”活动开展学习。')).toEqual(['党员冬训']);
    expect(names('大家把学习当作“必修课”。')).toEqual([]);
  });

  it('mechanisms: quoted examples before 等“LABEL” are its components, not mechanisms', () => {
    const ms = mechanisms('组织委员开展“讲一次党课”“走访一户群众”等“八个一”活动。');
    expect(ms.map((m) => m.name)).toEqual(['八个一']);
    expect(ms[0].components).toEqual(['讲一次党课', '走访一户群众']);
  });

  it('mechanisms: expected counts from labels', () => {
    expect(expectedCount('四个一')).toBe(4);
    expect(expectedCount('1234')).toBe(4);
    expect(expectedCount('四联两评双促双提')).toBe(10);
    expect(expectedCount('党组+委员+基地')).toBe(3);
  });

  it('mechanisms: English names from the lexicon and generated for local labels', () => {
    expect(englishName('四个一')).toBe('four ones');
    expect(englishName('两个全覆盖')).toBe('two full coverages');
    expect(englishName('七个一')).toBe('seven ones');
    expect(englishName('四联两评')).toBe('four links two evaluations');
  });

  it('mechanisms: every span on the dev set is valid against the text', () => {
    for (const doc of seeds()) expectSpansValid(doc);
  });
});
