import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/model/results.js';
import { processText } from '../../helpers/docs.js';

const people = (text: string) => (processText(text).extracted.people as Person[]).filter((p) => p.role === 'mentioned');

describe('people', () => {
  it('people: a title chain joined by 、 gives each title its org prefix', () => {
    const [p] = people('会上，市政协党组书记、主席王炯作讲话。');
    expect(p).toMatchObject({ name: '王炯', titles: ['市政协党组书记', '市政协主席'] });
  });

  it('people: 该区政协 resolves to the district named before', () => {
    const ps = people('大渡口区政协召开会议。该区政协党组书记、主席张琼说，要抓好落实。');
    expect(ps.find((p) => p.name === '张琼')?.titles).toEqual(['大渡口区政协党组书记', '大渡口区政协主席']);
  });

  it('people: a title after the name', () => {
    expect(people('习近平总书记出席会议并发表重要讲话。')[0]).toMatchObject({ name: '习近平', titles: ['总书记'] });
  });

  it('people: title words and organisations are not people', () => {
    expect(people('主席会议审议了报告，委员企业积极参与。')).toEqual([]);
  });
});

describe('people: chains and lists', () => {
  it('people: a long Hong Kong style chain, converted to Simplified', () => {
    expect(people('全國政協經濟委員會副主任容永祺出席了今天的會議。')[0]).toMatchObject({ name: '容永祺', titles: ['全国政协经济委员会副主任'] });
  });

  it('people: an org prefix that is not a body mention (民进中央) is kept with its title', () => {
    expect(people('全国政协副主席、民进中央常务副主席朱永新在会上指出，要加强合作。')[0].titles).toEqual(['全国政协副主席', '民进中央常务副主席']);
  });

  it('people: names listed after one title share it', () => {
    expect(people('市政协副主席刘建华、陈晓明、周丽出席会议并讲话。').map((p) => [p.name, p.titles])).toEqual([
      ['刘建华', ['市政协副主席']], ['陈晓明', ['市政协副主席']], ['周丽', ['市政协副主席']],
    ]);
  });

  it('people: 作为A和B，C + name gives all three titles', () => {
    expect(people('作为重庆农村青年致富带头人协会会长和企业负责人，市政协委员李仁波表示，要履行职责。')[0].titles.sort()).toEqual(['企业负责人', '市政协委员', '重庆农村青年致富带头人协会会长'].sort());
  });
});

describe('people: bylines', () => {
  it('people: byline names carry the role written before them as their title', async () => {
    const { seeds } = await import('../../helpers/docs.js');
    const doc = seeds().find((d) => d.source.file.startsWith('004'))!;
    const bylines = (doc.extracted.people as Person[]).filter((p) => p.role !== 'mentioned').map((p) => [p.name, p.titles, p.role]);
    expect(bylines).toEqual([['戴娟', ['重庆日报记者'], 'author'], ['徐闻禧', ['实习生'], 'author'], ['谢天', ['责任编辑'], 'editor']]);
  });
});
