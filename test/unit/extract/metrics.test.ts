import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../src/model/results.js';
import { extractMetrics } from '../../../src/extract/metrics.js';
import { parseNumber } from '../../../src/util/numerals.js';
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
    ['县政协今年共收到委员提案286件。', '委员提案'],
    ['镇里新建了12家农家书屋。', '农家书屋'],
    ['向每户发放500元的一次性取暖补贴。', '一次性取暖补贴'],
    ['按每人每月300元的标准发放一次性交通补贴。', '一次性交通补贴'],
    ['项目资金上限为80万元。', '项目资金上限'],
    ['城乡低保标准提高到9600元。', '城乡低保标准'],
    ['另有15件提案转交有关部门。', '提案'],
    ['意见建议95%已经落实。', '意见建议'],
    ['共受理投诉320件，96.5%已经办结。', '受理投诉'],
    ['区政协副主席张华率队走访企业15家。', '企业'],
    ['截至目前，全县已建成委员之家45个。', '委员之家'],
    ['全区政协系统共有委员1860余名。', '委员'],
    ['全市政协系统现有委员2400余名。', '委员'],
    ['区政协组织委员视察调研36次。', '委员视察调研'],
    ['每周五由两名委员值班接待来访群众。', '委员'],
    ['明年将继续推进民主监督工作，计划开展监督活动8场。', '监督活动'],
  ])('%s → %s', (text, indicator) => {
    expect(indicators(text)[0]).toBe(indicator);
  });

  it('the predicate after the number when nothing before it names a thing', () => {
    expect(indicators('截至年底，97%已经完成整改，近8成得到群众认可。')).toEqual(['完成整改', '得到群众认可']);
    expect(indicators('所得收入减按50%计入应纳税额。')).toEqual(['计入应纳税额']);
  });

  it('a share names the count before it, or what stands before 占; never 占 alone', () => {
    expect(indicators('全县现有委员280名，其中党外委员占61%。')).toEqual(['委员', '党外委员比例']);
    expect(indicators('其中青年委员86名，占委员总数的27.5%；女性委员64名，占委员总数的20.4%。')).toEqual([
      '青年委员', '青年委员占委员总数比例', '女性委员', '女性委员占委员总数比例',
    ]);
  });

  it('after a frequency, a light verb alone gives way to the event named before it', () => {
    expect(indicators('党支部组织生活每季度要至少安排2次。')).toEqual(['党支部组织生活']);
  });
});

describe('metrics: numbers that are not counts of the text', () => {
  it.each([
    '市政协召开常委会议。本页阅读次数：326次，欢迎转发。',
    '市政协召开常委会议。本文点击量 1200次。',
    '市政协召开会议。该文已有3930人参与讨论。',
    '市政协召开会议，全县共有X名委员，XX个委员工作室，1X名干部。',
    '市政协召开会议。相关链接 https://example.com/%E7%8E%8B%E5%85%AC 页面。',
    '6岁以下儿童免票，65周岁以上老人免费乘车。',
    '统筹城市和农村两支队伍。',
    '报告从五个方面回顾了本届工作。',
  ])('%s', (text) => {
    expect(metrics(text)).toEqual([]);
  });

  it('a line that only repeats the title', () => {
    const doc = processText('市政协围绕中心工作积极履职。\n全年建成委员之家120个\n五年来共收到提案3045件。');
    doc.meta.title = '全年建成委员之家120个';
    expect(extractMetrics(doc).map((m) => m.value)).toEqual([3045]);
  });
});
