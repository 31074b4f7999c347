import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../src/model/results.js';
import { expectSpansValid, processText } from '../../helpers/docs.js';

/** Metrics of a composed text as [value, org, period]. */
function attributed(text: string): [number, string | null, string | null][] {
  const doc = processText(text);
  expectSpansValid(doc);
  return (doc.extracted.metrics as Metric[]).map((m) => [m.value, m.org, m.period]);
}

describe('attribution: whose number (the clause subject)', () => {
  it('the subject after a 在…领导下 phrase, not the leading body', () => {
    expect(attributed('在中共青山市委的坚强领导下，青山市政协全年共收到提案512件，立案468件。')).toEqual([
      [512, '青山市政协', '全年'], [468, '青山市政协', '全年'],
    ]);
  });

  it('carries the subject to the next sentence and paragraph', () => {
    expect(attributed('区政协围绕中心工作积极履职。一年来，共立案提案120件。')).toEqual([[120, '区政协', '一年来']]);
    expect(attributed('2022年，县政协扎实推进各项工作。\n全年开展协商活动15场，举办培训班3期。')).toEqual([
      [15, '县政协', '2022年'], [3, '县政协', '2022年'],
    ]);
  });

  it('a body before a person is no subject (县委县政府领导作出批示)', () => {
    expect(attributed('县政协围绕中心工作积极履职。县委县政府领导作出批示9次。')).toEqual([[9, '县政协', null]]);
  });

  it('a body naming a kind of what is counted is no subject (政协各专门委员会提案31件)', () => {
    expect(attributed('本届以来，区政协共收到提案1206件，政协各专门委员会提案31件，占提案总数的2.6%。').map((m) => m[1])).toEqual(['区政协', '区政协', '区政协']);
  });

  it('a named unit is a subject, and 工作室 refers back to it; a generic unit is not', () => {
    expect(attributed('青山区河口镇政协委员工作室于2022年3月揭牌成立，共有12名区政协委员进驻。工作室每月开展一次接待活动。')).toEqual([
      [12, '青山区河口镇政协委员工作室', null], [1, '青山区河口镇政协委员工作室', '每月'],
    ]);
    expect(attributed('县政协推进党建与履职融合。机关党支部与社区开展联建活动5次。').map((m) => m[1])).toEqual(['县政协']);
  });

  it('the speaker of reported speech keeps to its sentence', () => {
    const got = attributed('本报讯 青山市中级人民法院公开审理了一起受贿案。\n青山市人民检察院起诉指控：被告人非法收受财物500万元。\n旁听群众三十余人。');
    expect(got.map((m) => m[1])).toEqual(['青山市人民检察院', '青山市中级人民法院']);
  });

  it('a quantified body (各区县政协) is the subject of its sentence only', () => {
    expect(attributed('市政协召开会议部署工作，各区县政协共组建委员工作室30个。\n随后开展调研活动12次。').map((m) => m[1])).toEqual(['区县政协', '市政协']);
  });

  it('a sub-body counts for the body its sentence is about, a count right after it is adverbial', () => {
    expect(attributed('2020年以来，中共青山市委高度重视政协工作，市委常委会9次专题研究政协工作。')).toEqual([[9, '青山市委', '2020年以来']]);
  });

  it('with no subject, the org naming what is counted', () => {
    expect(attributed('会见了来访的8位民革党员。')).toEqual([[8, '民革', null]]);
  });
});

describe('attribution: when (the time phrase scoping the clause)', () => {
  it('a frequency scopes its own clause only', () => {
    expect(attributed('联络站每月开展一次政策宣讲，组织委员走访企业18次。')).toEqual([[1, null, '每月'], [18, null, null]]);
  });

  it('a time phrase inside another clause does not date the next one', () => {
    expect(attributed('该中心于2021年3月正式成立，现有委员工作人员12名。').map((m) => m[2])).toEqual([null]);
  });

  it('the nearest time phrase of the clause wins over the sentence topic', () => {
    expect(attributed('近年来，联络站建设成为重要举措，全市各级政协目前共设立委员联络站近600个。')).toEqual([[600, '全市各级政协', '目前']]);
  });

  it('截至… and a rate after the unit', () => {
    expect(attributed('截至2024年6月，该联络站共收集群众意见82件。').map((m) => m[2])).toEqual(['截至2024年6月']);
    expect(attributed('城乡低保标准提高到9600元/年。').map((m) => m[2])).toEqual(['每年']);
  });
});
