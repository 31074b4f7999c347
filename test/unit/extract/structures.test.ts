import { describe, expect, it } from 'vitest';
import { restoreUnit } from '../../../src/extract/structures.js';
import type { OrgSystem, OrgUnit } from '../../../src/model/results.js';
import { processText } from '../../helpers/docs.js';

const units = (text: string) => (processText(text).extracted.org_units as OrgUnit[]).map((u) => [u.name, u.count]);
const systems = (text: string) => (processText(text).extracted.org_systems as OrgSystem[]).map((s) => s.units);

describe('org structures', () => {
  it('orgs: an enumeration before 的组织体系 is an org system', () => {
    expect(systems('目前，市政协已建立起包括市政协党组、机关党委和各党支部的组织体系。')).toEqual([['市政协党组', '机关党委', '各党支部']]);
  });

  it('orgs: counted units and units set up without a count', () => {
    expect(units('县政协建立健全11个乡镇委员联络室，并成立履职党小组。')).toEqual([['乡镇委员联络室', 11], ['履职党小组', null]]);
  });

  it('orgs: a deleted character is restored in unit names from the unit vocabulary', () => {
    expect(restoreUnit('政协组', ['党'])).toBe('政协党组');
    expect(restoreUnit('各支部', ['党'])).toBe('各党支部');
    expect(restoreUnit('专委会分组', ['党'])).toBe('专委会分党组');
  });

  it('units: N个 with the CPPCC unit vocabulary, a parenthesised note kept in the name', () => {
    expect(units('全区已建成14个委员工作室。')).toEqual([['委员工作室', 14]]);
    expect(units('全市共有208个村(社区)协商驿站和36个读书群。')).toEqual([['村(社区)协商驿站', 208], ['读书群', 36]]);
  });

  it('units: a name quoted after its count; a counted phrase with a verb inside counts places', () => {
    expect(units('建立起18个镇(街道)“民生议事堂”和260个村(社区)“协商驿站”。')).toEqual([['镇(街道)民生议事堂', 18], ['村(社区)协商驿站', 260]]);
    expect(units('依托全区8个街道开设委员工作站。')).toEqual([['委员工作站', null]]);
  });

  it('units: a masked figure (X个) names the unit but gives no count', () => {
    expect(units('以县(市、区)政协为依托，成立X个党员委员活动小组，XX名党员委员联系党外委员。')).toEqual([['党员委员活动小组', null]]);
  });

  it('units: a count written after the unit, a unit founded as the subject of its clause', () => {
    expect(units('全省共建设委员工作室(站)近2000个。')).toEqual([['委员工作室(站)', 2000]]);
    expect(units('东湖镇政协委员工作室于2021年5月正式揭牌成立。该工作室成立以来接待群众百余人次。')).toEqual([['东湖镇政协委员工作室', null]]);
  });

  it('units: statutory organs where the text lists them as parts of a body, not where they act', () => {
    expect(units('市政协及其常务委员会认真履职。')).toEqual([['常务委员会', null]]);
    expect(units('各民主党派和各专门委员会提交提案。')).toEqual([['专门委员会', null]]);
    expect(units('受市政协常务委员会委托作报告。')).toEqual([]);
  });

  it('units: a quota per person (1-2个, 每名…3个) is no count', () => {
    expect(units('每名党员委员联系1-2个民主党派或界别。')).toEqual([]);
    expect(units('每名委员联系3个界别群众，全市政协共有32个界别。')).toEqual([['界别', 32]]);
  });

  it('systems: counted units opening consecutive clauses of one sentence are its layers', () => {
    const text = '18家委员工作室开展协商活动60余次,9家民生议事堂组织议事30余次,120个村(社区)协商驿站实现全覆盖。';
    expect(systems(text)).toEqual([['委员工作室', '民生议事堂', '村(社区)协商驿站']]);
    // Two figures side by side are no system.
    expect(systems('建立18家委员工作室,9家民生议事堂。')).toEqual([]);
  });

  it('systems: units listed before a quoted label and a system head, or before 等N个', () => {
    expect(systems('构建党组、机关党委、党支部和党员活动小组“四位一体”组织体系。')).toEqual([['党组', '机关党委', '党支部', '党员活动小组']]);
    expect(systems('在镇街设立委员工作室、民生议事堂和协商驿站等30个基层协商阵地。')).toEqual([['委员工作室', '民生议事堂', '协商驿站']]);
  });

  it('systems: bodies summed up by a counted label with the same numeral', () => {
    expect(systems('要统筹市政协和县区政协两支力量，形成合力。')).toEqual([['市政协', '县区政协']]);
    expect(systems('要统筹市政协和县区政协三支力量。')).toEqual([]);
    expect(systems('坚持团结和民主两大主题。')).toEqual([]);
  });
});
