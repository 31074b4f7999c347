import { describe, expect, it } from 'vitest';
import { restoreUnit } from '../../../src/extract/structures.js';
import type { OrgSystem, OrgUnit } from '../../../src/extract/types.js';
import { processText } from '../../helpers/docs.js';

describe('org structures', () => {
  it('orgs: an enumeration before 的组织体系 is an org system', () => {
    const doc = processText('目前，市政协已建立起包括市政协党组、机关党委和各党支部的组织体系。');
    expect((doc.extracted.org_systems as OrgSystem[])[0].units).toEqual(['市政协党组', '机关党委', '各党支部']);
  });

  it('orgs: counted units and units set up without a count', () => {
    const doc = processText('县政协建立健全11个乡镇委员联络室，并成立履职党小组。');
    const units = (doc.extracted.org_units as OrgUnit[]).map((u) => [u.name, u.count]);
    expect(units).toEqual([['乡镇委员联络室', 11], ['履职党小组', null]]);
  });

  it('orgs: a deleted character is restored in unit names from the unit vocabulary', () => {
    expect(restoreUnit('政协组', ['党'])).toBe('政协党组');
    expect(restoreUnit('各支部', ['党'])).toBe('各党支部');
    expect(restoreUnit('专委会分组', ['党'])).toBe('专委会分党组');
  });
});
