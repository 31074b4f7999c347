import { describe, expect, it } from 'vitest';
import { bracketCredits, datelineSource, parseByline } from '../../../src/ingest/credits.js';
import { findDate, parseAnyDate } from '../../../src/ingest/dates.js';
import { mainTextFromLines } from '../../../src/ingest/lines.js';

describe('credits and datelines', () => {
  it('bylines: roles glued to names, spaced role words, a label that is not a role ends the credits', () => {
    expect(parseByline('记者钱伟').names).toEqual(['钱伟']);
    expect(parseByline('记 者:吴阳金 张志彬 见习记者 汪子妍').names).toEqual(['吴阳金', '张志彬', '汪子妍']);
    expect(parseByline('记者：郭咏欣、李健威 北京报道').names).toEqual(['郭咏欣', '李健威']);
    const info = parseByline('编辑: 杨玉娟 审核人:叶玲玲 阅读次数:2287');
    expect(info.editors).toEqual(['杨玉娟', '叶玲玲']);
    expect(info.names).toEqual([]);
    expect(parseByline('作者：某某日报')).toMatchObject({ names: [], publication: '某某日报' });
  });

  it('credits in brackets open the first paragraph after a dateline, or close the last one', () => {
    expect(bracketCredits('人民网合肥11月8日电 （记者钱伟）安徽省某厅日前出台办法。', false)?.names).toEqual(['钱伟']);
    expect(bracketCredits('会议要求严格遵守会风会纪。(记 者:李明 见习记者 王芳)', true)?.names).toEqual(['李明', '王芳']);
    expect(bracketCredits('……作出新的更大贡献。 (张晓东)', true)?.names).toEqual(['张晓东']);
    // Without a role word, a bracket is a credit only at the article's end; a picture note never is.
    expect(bracketCredits('……作出新的更大贡献。 (张晓东)', false)).toBeNull();
    expect(bracketCredits('会场一角。（资料图）', true)).toBeNull();
    expect(bracketCredits('委员们（张三、李四等）发言。', true)).toBeNull();
  });

  it('datelines name the sending publication; 本报讯 and 据…消息 name none', () => {
    expect(datelineSource('新华社北京2月27日电 政协第十二届全国委员会常务委员会会议27日开幕。')).toBe('新华社');
    expect(datelineSource('中国网5月13日讯 据某市人民政府网站消息')).toBe('中国网');
    expect(datelineSource('晨报讯 会议在上海开幕。')).toBe('晨报');
    expect(datelineSource('（澳门电台消息） 中央某办主任早上与代表交流。')).toBe('澳门电台');
    expect(datelineSource('本报讯 2月6日至9日，区政协会议召开。')).toBeNull();
    expect(datelineSource('据央视新闻消息，某法院开庭审理。')).toBeNull();
  });

  it('dates: Chinese numerals, full-width digits, 号', () => {
    expect(findDate('二〇一九年一月十一日')?.iso).toBe('2019-01-11');
    expect(findDate('二零二一年十二月三十一日')?.iso).toBe('2021-12-31');
    expect(findDate('２０１９年１月８日')?.iso).toBe('2019-01-08');
    expect(findDate('2020年3月5号')?.iso).toBe('2020-03-05');
    expect(findDate('二〇一九年二月三十日')).toBeNull();
    expect(parseAnyDate('Mon, 10 Mar 2025 09:34:00 +0800')).toBe('2025-03-10');
  });
});

describe('header zone', () => {
  it('a speech title block: title, date line in Chinese numerals, speaker line', () => {
    const r = mainTextFromLines('在全市政协工作会议上的讲话\n（二〇一九年一月八日）\n市政协主席　张国强\n同志们：\n今天召开全市政协工作会议，主要任务是总结去年工作，部署今年任务。\n');
    expect(r.meta).toMatchObject({ title: '在全市政协工作会议上的讲话', date: '2019-01-08', authors: ['张国强'], doc_type: 'speech' });
    expect(r.meta.bylines).toEqual([{ name: '张国强', role: '市政协主席' }]);
    expect(r.body.startsWith('同志们：')).toBe(true);
  });

  it('a speech dateline under the title gives the date', () => {
    const r = mainTextFromLines('凝心聚力 共谋发展\n——2019年1月8日在市政协十四届三次会议闭幕会上的讲话\n同志们：\n市政协十四届三次会议圆满完成各项议程，今天就要闭幕了。\n');
    expect(r.meta).toMatchObject({ title: '凝心聚力 共谋发展', date: '2019-01-08', doc_type: 'speech' });
  });

  it('a labelled date beats a site clock; a greeting is furniture; "标题 ——副题" on one line', () => {
    const r = mainTextFromLines('您好，欢迎光临某省政协网站！\n2016年10月25日 星期二\n县级政协履职研究 ——以某县为例\n某省政协 时间:2016-12-16 来源:省政协研究室课题组\n人民政协制度是政协组织内各种行为规范的准则，是做好政协工作的重要保障。\n');
    expect(r.meta).toMatchObject({ title: '县级政协履职研究', subtitle: '以某县为例', date: '2016-12-16', source: '省政协研究室课题组', doc_type: 'commentary' });
    expect(r.body).not.toContain('欢迎');
  });

  it('a headline written as a sentence above the info bar is the title, not the first paragraph', () => {
    const r = mainTextFromLines('某某：行政主导不是一人的事 是社会共同责任\n政情\n发布时间：09:19 2026-03-06\n全国两会正在北京举行，某政协今早召开联组会议。\n');
    expect(r.meta).toMatchObject({ title: '某某：行政主导不是一人的事 是社会共同责任', date: '2026-03-06' });
    expect(r.body.startsWith('全国两会')).toBe(true);
  });

  it('a headline stack below the info bar: its first line is the title, the rest the subtitle', () => {
    const r = mainTextFromLines('某会议开幕 某某出席\n文章来源:新华社 作者: 发布时间:2017-02-27 19:33 点击量:437\n某会议开幕\n为下次全会作准备\n某某出席\n新华社北京2月27日电 某会议27日在京开幕。会议的主要议题是为全会作准备。\n');
    expect(r.meta).toMatchObject({ title: '某会议开幕', subtitle: '为下次全会作准备 某某出席', source: '新华社', date: '2017-02-27' });
  });

  it('a news report about a speech is news, though its headline ends with 讲话', () => {
    const r = mainTextFromLines('某某工作会议闭幕 某某讲话\n央视网消息（新闻联播）：某某工作会议今天在北京闭幕，某某出席并讲话。\n');
    expect(r.meta.doc_type).toBe('news');
    expect(r.meta.source).toBe('央视网');
  });
});
