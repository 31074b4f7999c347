import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/extract/types.js';
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
