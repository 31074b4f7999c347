import { describe, expect, it } from 'vitest';
import { expectedCount } from '../../../src/extract/mechanisms/index.js';
import type { Mechanism } from '../../../src/model/results.js';
import { expectSpansValid, processText } from '../../helpers/docs.js';

const mechanisms = (text: string) => {
  const doc = processText(text);
  expectSpansValid(doc);
  return doc.extracted.mechanisms as Mechanism[];
};
const names = (text: string) => mechanisms(text).map((m) => m.name);
const find = (text: string, name: string) => mechanisms(text).find((m) => m.name === name);

describe('mechanisms: evidence that a phrase is a name', () => {
  it('a generic 制度/机制 phrase without evidence is no mechanism', () => {
    expect(names('县政协不断完善协商民主机制，健全专委会工作制度。')).toEqual([]);
  });

  it('称为/简称 names a thing that has a numeral or a category head; an org abbreviation is no name', () => {
    expect(names('这一做法被称为民情直通车机制，受到群众欢迎。')).toEqual(['民情直通车机制']);
    expect(names('中国人民政治协商会议，简称人民政协，是统一战线的组织。')).toEqual([]);
  });

  it('a title in 《》 that names a rule is a mechanism; other titles are not', () => {
    expect(names('工作室制定了《委员值班接待制度》，编印《协商通讯》。')).toEqual(['委员值班接待制度']);
  });

  it('a regulation names the work it governs when the text names that work outside the title too', () => {
    expect(names('县司法局出台《干部谈心提醒工作暂行办法》。今后将开展干部谈心提醒工作，防患于未然。')).toEqual(['干部谈心提醒工作']);
    expect(names('县司法局出台《干部谈心提醒工作暂行办法》。')).toEqual([]);
  });

  it('a quoted slogan with 顿号 or commas is one name', () => {
    const [m] = mechanisms('各党派坚持“长期合作、互相支持、共同进步”的方针。');
    expect(m).toMatchObject({ name: '长期合作、互相支持、共同进步', category: '方针' });
    expect(names('县政协推行“一个目标，两个抓手”工作法。')).toEqual(['一个目标，两个抓手']);
  });

  it('a numeral-led word right before a category head is a label; idioms and quantifiers are not', () => {
    expect(names('区政协紧扣三轮驱动中心任务，构建三位一体工作格局。')).toEqual(['三轮驱动', '三位一体']);
    expect(names('打造一站式服务平台，建立一系列制度。')).toEqual([]);
  });

  it('a quoted name followed by a counted head takes it as its category', () => {
    expect(mechanisms('区政协出台“关爱委员”八条举措。')[0]).toMatchObject({ name: '关爱委员', category: '八条举措' });
  });

  it('quoted names before 等 + a count of things that are no programmes name those things', () => {
    expect(names('开设“乡村振兴与发展”“双碳在行动”等40个读书群。')).toEqual([]);
    expect(names('建立“双周协商”“委员约谈”等8项制度。')).toEqual(['双周协商', '委员约谈']);
  });

  it('a numeral character that is no numeral does not make a quoted span a numbered label', () => {
    expect(names('社区设立“议事长廊”“百姓茶座”，方便群众议事。')).toEqual([]);
  });

  it('a lexicon name is found unquoted, also in Traditional script; plain counted nouns are not labels', () => {
    expect(names('市政協積極組織委員讀書活動。')).toEqual(['委员读书活动']);
    // A venue in the lexicon is an org unit, quoted or not.
    expect(names('全县建成“委员工作室”，委员工作室运行良好。')).toEqual([]);
    expect(names('常委会突出抓了三项工作：开展学习；加强建设；提高质量。')).toEqual([]);
  });
});

describe('mechanisms: components', () => {
  it('一要…二要…三要 items spell out the label before them', () => {
    const m = find('要落实“三个到位”的要求。一要思想认识到位。二要工作措施到位。三要责任落实到位。', '三个到位');
    expect(m?.components).toEqual(['思想认识到位', '工作措施到位', '责任落实到位']);
    expect(m?.countMismatch).toBe(false);
  });

  it('A和B before a two-part label, in a 在…上 frame or directly', () => {
    expect(find('区政协在调查研究和民主监督上“双轮驱动”。', '双轮驱动')?.components).toEqual(['调查研究', '民主监督']);
    expect(find('县政协始终把握团结和民主两大主题。', '两大主题')?.components).toEqual(['团结', '民主']);
  });

  it('即 + the clause that lists the items; a parenthesised list split on commas too', () => {
    expect(find('“双访”,即按照分工,实行常委走访委员、委员走访群众。', '双访')?.components).toEqual(['常委走访委员', '委员走访群众']);
    expect(find('开展“三访两促”(走访常委、走访委员、走访群众,促服务、促履职)活动。', '三访两促')?.components)
      .toEqual(['走访常委', '走访委员', '走访群众', '促服务', '促履职']);
  });

  it('要求 introduces the parts of a label', () => {
    expect(find('推行“两个一”，要求每名委员联系一户群众、提交一篇提案。', '两个一')?.components).toEqual(['每名委员联系一户群众', '提交一篇提案']);
  });

  it('a definition whose list ends in 等 gives examples, not parts', () => {
    expect(find('要做好三个服务工作，包括改革、发展等方面的问题，深调研、建真言。', '三个服务工作')?.components ?? []).toEqual([]);
  });

  it('N双 labels count reduplicated parts: 四双 (双联双创、双协双评) has four', () => {
    expect(expectedCount('四双')).toBe(4);
    expect(expectedCount('五位一体')).toBe(5);
    expect(find('探索“四双”(双学双比、双帮双促)工作载体。', '四双')?.components).toEqual(['双学', '双比', '双帮', '双促']);
  });

  it('parts that each count one (一X一Y) name the clauses after the label that hold their words', () => {
    const m = find('实行“一走访一报告”,平时电话联系,每月走访界别群众,年终书面报告履职情况。', '一走访一报告');
    expect(m?.components).toEqual(['每月走访界别群众', '年终书面报告履职情况']);
  });

  it('a label that is the object of a verb does not sum up the list before it', () => {
    expect(find('增强“四个意识”、坚定“四个自信”。', '四个自信')?.components).toEqual([]);
  });

  it('an attributive before the list is cut at its 的; the last item split on 和 to reach the count', () => {
    const m = find('构建统一高效、运转有序的政协党组、机关党组、党支部和党员活动小组“四位一体”组织体系。', '四位一体');
    expect(m?.components).toEqual(['政协党组', '机关党组', '党支部', '党员活动小组']);
  });
});

describe('mechanisms: national programmes', () => {
  it('national slogans are flagged national', () => {
    const ms = mechanisms('增强“四个意识”，统筹推进“五位一体”总体布局，坚持“一国两制”。');
    expect(ms.map((m) => [m.name, m.national])).toEqual([['四个意识', true], ['五位一体', true], ['一国两制', true]]);
  });

  it('a local mechanism under a national name, with components of its own, is not national', () => {
    const m = find('构建政协党组、机关党组、机关党委、党支部和委员联络组“五位一体”组织体系。', '五位一体');
    expect(m?.components).toHaveLength(5);
    expect(m?.national).toBe(false);
  });

  it('CPPCC and local working methods are not national', () => {
    expect(find('县政协开展“请你来协商”活动。', '请你来协商')?.national).toBe(false);
  });
});

describe('mechanisms: owner', () => {
  it('an org that is one of the listed components is not the owner: whoever the text names before the list is', () => {
    const m = find('东湖县政协高度重视党建。着力构建政协党组、机关党组和机关党委“三位一体”组织体系。', '三位一体');
    expect(m?.components).toEqual(['政协党组', '机关党组', '机关党委']);
    expect(m?.org).toBe('东湖县政协');
  });
});
