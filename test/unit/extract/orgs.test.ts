import { describe, expect, it } from 'vitest';
import type { OrgMention } from '../../../src/model/results.js';
import { expectSpansValid, processText } from '../../helpers/docs.js';

function mentions(text: string): string[] {
  const doc = processText(text);
  expectSpansValid(doc);
  return (doc.spans.orgs ?? []).map((s) => (s.attrs as unknown as OrgMention).name);
}

describe('org mentions', () => {
  it('a committee is not read inside 委员 (社区委员联络站, 市委员会)', () => {
    expect(mentions('县政协建成8个社区委员联络站，全市委员积极参与。')).toEqual(['县政协']);
  });

  it('formal names are given their short names', () => {
    expect(mentions('他曾任中国人民政治协商会议浙江省温州市委员会主席。')).toEqual(['浙江省温州市政协']);
    expect(mentions('政协第十四届全国委员会常务委员会召开会议。')).toEqual(['全国政协']);
    expect(mentions('中共青山市委员会召开全会。')).toEqual(['青山市委']);
  });

  it('governments, courts, procuratorates and departments', () => {
    expect(mentions('青山市中级人民法院审理，青山市人民检察院起诉。')).toEqual(['青山市中级人民法院', '青山市人民检察院']);
    expect(mentions('江西省教育厅出台办法，服务全市大局。')).toEqual(['江西省教育厅']);
    expect(mentions('县委县政府领导作出批示。')).toEqual(['县委', '县政府']);
  });

  it('parties only on token edges', () => {
    expect(mentions('来访的民进党人士与民革党员座谈。')).toEqual(['民进党', '民革']);
    expect(mentions('为人民建功立业，人民进行了伟大斗争。')).toEqual([]);
  });

  it('a quantified body spans its levels and is not resolved to one place', () => {
    expect(mentions('青山区政协积极探索。各区县政协都建立了党组。')).toEqual(['青山区政协', '区县政协']);
  });
});
