import { describe, expect, it } from 'vitest';
import { isName } from '../../../src/extract/people/names.js';
import type { Person } from '../../../src/model/results.js';
import { expectSpansValid, processText } from '../../helpers/docs.js';

/** People found in a composed sentence: [name, titles] in text order. */
const found = (text: string) => {
  const doc = processText(text);
  expectSpansValid(doc);
  return (doc.extracted.people as Person[]).map((p) => [p.name, p.titles] as const);
};
const titlesOf = (text: string, name: string) => (processText(text).extracted.people as Person[]).find((p) => p.name === name)?.titles;

describe('people: names by shape', () => {
  it('a surname from the table and a one- or two-character given name', () => {
    expect(isName('周建国')).toBe(true);
    expect(isName('万钢')).toBe(true);
    expect(isName('建国')).toBe(false);
    expect(isName('周建国华')).toBe(false);
  });

  it('compound surnames take one or two more characters', () => {
    expect(isName('欧阳明高')).toBe(true);
    expect(isName('司马文')).toBe(true);
  });

  it('transliterated names joined by ·', () => {
    expect(isName('阿不都·热合曼')).toBe(true);
    expect(isName('阿不都·')).toBe(false);
  });

  it('furniture, title words and reduplications are never names', () => {
    for (const w of ['阅读次数', '审核人', '浏览次数', '点击量', '区政协', '殷殷']) expect(isName(w), w).toBe(false);
  });
});

describe('people: a title and the name after it', () => {
  it('a name jieba cuts in two is still one name', () => {
    expect(found('区政协党组书记、主席周建国带队赴基层调研。')).toEqual([['周建国', ['区政协党组书记', '区政协主席']]]);
  });

  it('a compound surname after a title', () => {
    expect(found('会议由市政协副主席欧阳明高主持。')).toEqual([['欧阳明高', ['市政协副主席']]]);
  });

  it('a ·-name does not swallow the verb after it', () => {
    expect(found('全国政协副主席阿不都·热合曼出席会议。')).toEqual([['阿不都·热合曼', ['全国政协副主席']]]);
  });

  it('an org prefix, a grade and a rank make one title; each title of a chain keeps its own org', () => {
    expect(found('区委统战部副部长、区民族宗教事务局局长司马文华，区委统战部二级调研员刘德胜出席活动。')).toEqual([
      ['司马文华', ['区委统战部副部长', '区民族宗教事务局局长']],
      ['刘德胜', ['区委统战部二级调研员']],
    ]);
  });

  it('a post that names its own body takes no org from the title before it', () => {
    expect(titlesOf('市委副书记、市长李立强出席会议。', '李立强')).toEqual(['市委副书记', '市长']);
  });

  it('原 carries over the chain', () => {
    expect(titlesOf('东川市政协原党组书记、主席刘德明接受审查。', '刘德明')).toEqual(['东川市政协原党组书记', '东川市政协原主席']);
  });

  it('a verb glued to the name is not part of it, but a last character before punctuation is', () => {
    expect(found('民盟中央副主席钱立说，要加强合作。')).toEqual([['钱立', ['民盟中央副主席']]]);
    expect(found('全国政协副主席韩文和、王立出席会议。').map(([n]) => n)).toEqual(['韩文和', '王立']);
  });

  it('a married woman’s double surname (Hong Kong usage)', () => {
    expect(found('立法会议员陈李美玲指，政府应加快审批。')).toEqual([['陈李美玲', ['立法会议员']]]);
  });
});

describe('people: lists sharing a title', () => {
  it('names joined by 、 and 及 share the title before the first', () => {
    expect(found('全国政协副主席张立新、王建国及李明华出席会议。')).toEqual([
      ['张立新', ['全国政协副主席']], ['王建国', ['全国政协副主席']], ['李明华', ['全国政协副主席']],
    ]);
  });

  it('a bare 副主席 takes the org of the sentence’s earlier 副主席 (Traditional script)', () => {
    expect(found('會議由全國政協副主席趙文華主持，副主席錢立新、孫建平出席。')).toEqual([
      ['赵文华', ['全国政协副主席']], ['钱立新', ['全国政协副主席']], ['孙建平', ['全国政协副主席']],
    ]);
  });

  it('a bare title in a list takes the org of the item before it', () => {
    expect(titlesOf('市政协主席周明，副主席吴刚、郑伟，秘书长王强出席会议。', '王强')).toEqual(['市政协秘书长']);
    expect(titlesOf('市政协主席周明，副主席吴刚、郑伟，秘书长王强出席会议。', '郑伟')).toEqual(['市政协副主席']);
  });

  it('a bare title takes the body of the item before it that holds the same post', () => {
    expect(titlesOf('县政协常委、农业农村委主任沈海明、副主任吴仁出席。', '吴仁')).toEqual(['农业农村委副主任']);
  });

  it('names under a group label share it, across commas too', () => {
    expect(found('出席会议的市领导还有：李建国、王立平、张红，刘卫东、陈刚。')).toEqual(
      ['李建国', '王立平', '张红', '刘卫东', '陈刚'].map((n) => [n, ['市领导']]),
    );
  });

  it('names opening a clause before a titled list are people without titles', () => {
    expect(found('赵明，钱亮、孙伟，老领导李国强、周建华也出席了会议。')).toEqual([
      ['赵明', []], ['钱亮', []], ['孙伟', []], ['李国强', ['老领导']], ['周建华', ['老领导']],
    ]);
  });

  it('a place written before a bare level body is that place’s body', () => {
    expect(titlesOf('东城区政协副主席王伟、西山区政协副主席李强出席。', '李强')).toEqual(['西山区政协副主席']);
  });
});

describe('people: Hong Kong and Macau titles after conversion', () => {
  it('行政長官 and 司長 read as titles', () => {
    expect(found('香港特別行政區行政長官李家明、政務司司長陳國強出席典禮。')).toEqual([
      ['李家明', ['行政长官']], ['陈国强', ['政务司司长']],
    ]);
  });

  it('a deputy title with a Macau prefix', () => {
    expect(found('澳區全國人大代表何敬文表示支持。')).toEqual([['何敬文', ['澳区全国人大代表']]]);
  });
});

describe('people: words that introduce or follow a name', () => {
  it('honorifics after a name', () => {
    expect(found('李明华先生和陈丽女士出席了仪式。')).toEqual([['李明华', []], ['陈丽', []]]);
  });

  it('以X同志为组长 gives the title after 为', () => {
    expect(found('以王建国同志为组长的调研组深入基层。')).toEqual([['王建国', ['组长']]]);
  });

  it('byline roles in the body, names separated by spaces', () => {
    const doc = processText('会议结束。（记者 王晓东 通讯员 李红）');
    expect((doc.extracted.people as Person[]).map((p) => [p.name, p.titles, p.role])).toEqual([['王晓东', ['记者'], 'author'], ['李红', ['通讯员'], 'author']]);
  });

  it('kinship words name a person without a post', () => {
    expect(found('他的父亲张德明是一名教师。')).toEqual([['张德明', []]]);
  });

  it('posts listed after an appointment verb are the name’s titles', () => {
    expect(titlesOf('被告人张建军利用担任江南省交通运输厅厅长、江南市副市长等职务上的便利收受财物。', '张建军')).toEqual(['江南省交通运输厅厅长', '江南市副市长']);
  });
});

describe('people: what is not a person', () => {
  it('a title followed by a word that is not a name', () => {
    for (const text of ['市政协委员关注的问题得到解决。', '委员和群众一起参加了活动。', '市长高度重视此项工作。', '主席团常务主席会议审议了名单。', '区政协副主席出席会议并讲话。', '委员们认为，要加强协商。']) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('a preposition after a title is not a double surname (关于加强)', () => {
    expect(found('他传达了总书记关于加强和改进基层建设的要求。')).toEqual([]);
  });

  it('an introducer inside another word introduces nobody', () => {
    expect(found('这里是摄影班外拍的好地方。')).toEqual([]);
  });

  it('furniture in a byline line is not a person', () => {
    const names = (processText('编辑：王芳 审核人：李丽 阅读次数：1234\n市政协召开主席会议。').extracted.people as Person[]).map((p) => p.name);
    expect(names).not.toContain('审核人');
    expect(names).not.toContain('阅读次数');
  });
});

describe('people: titles written after a name', () => {
  it('a rank before the title after a name', () => {
    expect(titlesOf('会上，李明华副主席作了讲话。', '李明华')).toEqual(['副主席']);
  });

  it('a clause that is a name and a title, whatever jieba makes of the name (洪/nr 明远/a)', () => {
    expect(found('洪明远委员：报告具有很强的指导性。')).toEqual([['洪明远', ['委员']]]);
  });

  it('a clause that is a Party body and a title is no name', () => {
    expect(found('区委书记，县委副书记，各位委员：会议开始。')).toEqual([]);
  });
});

describe('people: orgs as titles write them', () => {
  it('a bare level body stays as written in the title; the person’s org is the body it stands for', () => {
    const doc = processText('九龙坡区政协召开全会。会议审议了区政协副主席何立新所作的报告。');
    const p = (doc.extracted.people as Person[]).find((x) => x.name === '何立新');
    expect(p?.titles).toEqual(['区政协副主席']);
    expect(p?.org).toBe('九龙坡区政协');
  });
});
