import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../src/extract/types.js';
import { extractMetrics } from '../../../src/extract/metrics.js';
import { parseNumber } from '../../../src/extract/numerals.js';
import { processText } from '../../helpers/docs.js';

const metrics = (text: string) => (processText(text).extracted.metrics ?? []) as Metric[];

describe('metrics', () => {
  it.each([
    ['106', 106], ['一百零六', 106], ['两万', 20000], ['3.08亿', 308000000], ['1.2万', 12000], ['十五', 15],
    ['二十', 20], ['一千零一', 1001], ['百分之八十', 80], ['三百万', 3000000], ['四点五', 4.5], ['肆佰陸拾', 460],
  ])('numerals: %s → %d', (s, v) => {
    expect(parseNumber(s)).toBe(v);
  });

  it.each(['三四十', '一二', 'abc'])('numerals: %s is not one number', (s) => {
    expect(parseNumber(s)).toBeNull();
  });

  it.each([
    '全国两会在北京召开。', '他年过半百，一心一意为民。', '落实三会一课制度。', '统一零售价为准。',
    '会议两点半开始。', '他第一个发言。', '政协五届六次会议召开。', '电话023-63891234。',
  ])('metrics: trap yields nothing: %s', (text) => {
    expect(metrics(text)).toEqual([]);
  });

  it.each([
    ['开展重点协商活动近20次。', 20, '次', 'approx'],
    ['组织开展各类学习宣讲20余场次。', 20, '场次', 'more_than'],
    ['提供就业岗位1万多个。', 10000, '个', 'more_than'],
    ['委员企业新增投入3.08亿元实施新项目。', 308000000, '元', 'exact'],
    ['每年至少要开展4次活动。', 4, '次', 'at_least'],
    ['参会人数达300人左右。', 300, '人', 'approx'],
    ['共有两万名群众参与。', 20000, '名', 'exact'],
  ])('metrics: %s', (text, value, unit, qualifier) => {
    const [m] = metrics(text);
    expect(m).toMatchObject({ value, unit, qualifier });
  });

  it('metrics: frequency lists give value 1 with period and qualifier', () => {
    const ms = metrics('通过实施每季度至少到企业指导主题党日活动一次、每半年至少到企业开展谈心谈话一次的活动。');
    expect(ms.map((m) => [m.value, m.unit, m.qualifier, m.period])).toEqual([[1, '次', 'at_least', '每季度'], [1, '次', 'at_least', '每半年']]);
    expect(ms[0].indicator).toContain('指导主题党日活动');
  });

  it('metrics: what is counted comes after a count word, or before an event count', () => {
    expect(metrics('县政协建立健全11个乡镇委员联络室。')[0].indicator).toBe('乡镇委员联络室');
    expect(metrics('2023年以来，提交立案提案134件。')[0]).toMatchObject({ indicator: '立案提案', period: '2023年以来' });
  });
});

describe('metrics: number forms', () => {
  it.each([
    ['全市七成以上的委员参与。', 70, '%', 'more_than'],
    ['参与率达到百分之八十。', 80, '%', 'exact'],
    ['出生率为千分之二。', 0.2, '%', 'exact'],
    ['捐资1.2万余元。', 12000, '元', 'more_than'],
    ['缴获近一吨物资。', 1, '吨', 'approx'],
    ['运输两吨半粮食。', 2.5, '吨', 'exact'],
    ['修建道路12千米。', 12, '千米', 'exact'],
    ['兑换１．０７５３美元。', 1.0753, '美元', 'exact'],
    ['增速为负3.9%。', -3.9, '%', 'exact'],
    ['共投入1,075万元。', 10750000, '元', 'exact'],
    ['提高了2.4个百分点。', 2.4, '个百分点', 'exact'],
  ])('metrics: %s', (text, value, unit, qualifier) => {
    const [m] = metrics(text);
    expect(m).toMatchObject({ value, unit, qualifier });
  });

  it('metrics: 三四十 is a range: at least 30, at most 40', () => {
    expect(metrics('现场来了三四十人。').map((m) => [m.value, m.qualifier])).toEqual([[30, 'at_least'], [40, 'at_most']]);
  });

  it('metrics: ID codes and phone numbers are not counts', () => {
    expect(metrics('请来信寄往编号CN50-0064的刊物，邮编401147，咨询电话023-63891234。')).toEqual([]);
  });
});

describe('metrics: what is counted (indicator)', () => {
  const indicators = (text: string) => metrics(text).map((m) => m.indicator);

  it.each([
    ['市政协共收到提案512件。', '提案'],
    ['县政协成功打造了16家委员联建基地。', '委员联建基地'],
    ['给予家庭每人每年600元的托育机构照护补贴。', '托育机构照护补贴'],
    ['按每托位500元的标准发放一次性建设补贴。', '一次性建设补贴'],
    ['贷款最高额度为110万元。', '贷款最高额度'],
    ['另有28件提案未被采纳。', '提案'],
    ['提案99.2%已经办复。', '提案'],
    ['共立案4567件，99.2%已经办复。', '立案'],
    ['市政协主席李明带队走访企业30余家。', '企业'],
    ['截至目前，全省已建成政协委员工作室2000多个。', '政协委员工作室'],
    ['全市政协系统共有委员3200余名。', '委员'],
    ['今年将继续推进协商议政工作，计划开展协商活动15场。', '协商活动'],
  ])('%s → %s', (text, indicator) => {
    expect(indicators(text)[0]).toBe(indicator);
  });

  it('the predicate after the number when nothing before it names a thing', () => {
    expect(indicators('截至目前，99.2%已经办复，近9成得到解决和基本解决。')).toEqual(['办复', '得到解决和基本解决']);
    expect(indicators('减按90%计入收入总额。')).toEqual(['计入收入总额']);
  });

  it('a share names the count before it, never 占 alone', () => {
    expect(indicators('其中委员提案1640件，占提案总数的61.1%；界别提案251件，占提案总数的9.3%。')).toEqual([
      '委员提案', '委员提案占提案总数比例', '界别提案', '界别提案占提案总数比例',
    ]);
  });

  it('after a frequency, a light verb alone gives way to the event named before it', () => {
    expect(indicators('党组集体学习每月要至少安排1次。')).toEqual(['党组集体学习']);
  });
});

describe('metrics: numbers that are not counts of the text', () => {
  it.each([
    '市政协召开常委会议。本页阅读次数：326次，欢迎转发。',
    '市政协召开常委会议。本文点击量 1200次。',
    '市政协召开会议。该文已有3930人参与讨论。',
    '市政协召开会议，全县共有X名委员，XX个委员工作室，1X名干部。',
    '市政协召开会议。相关链接 https://example.com/%E7%8E%8B%E5%85%AC 页面。',
    '对3岁以下婴幼儿发放补贴，60周岁以上老人免费乘车。',
    '必须统筹全国政协和地方政协两支力量。',
    '他从七个方面总结了过去一年的工作。',
  ])('%s', (text) => {
    expect(metrics(text)).toEqual([]);
  });

  it('a line that only repeats the title', () => {
    const doc = processText('市政协围绕中心工作积极履职。\n全年建成委员之家120个\n五年来共收到提案3045件。');
    doc.meta.title = '全年建成委员之家120个';
    expect(extractMetrics(doc).map((m) => m.value)).toEqual([3045]);
  });
});
