import { describe, expect, it } from 'vitest';
import { compoundCandidates } from '../../../../src/extract/mechanisms/compounds.js';
import { cleanComponent, componentsAfter, componentsByHead, enumerationBefore, splitEnumeration } from '../../../../src/extract/mechanisms/components.js';
import { unquotedCandidates } from '../../../../src/extract/mechanisms/labels.js';
import { quotedCandidates } from '../../../../src/extract/mechanisms/quoted.js';
import { systemCandidates } from '../../../../src/extract/mechanisms/systems.js';
import { componentSimilarity, mergeVariants } from '../../../../src/extract/mechanisms/variants.js';
import type { Mechanism } from '../../../../src/model/results.js';

const names = (cands: { name: string; componentOf?: number }[]) => cands.filter((x) => x.componentOf === undefined).map((x) => x.name);

describe('mechanism generators', () => {
  it('quoted: numbered, compound and named-with-category spans; slogans and honours are not', () => {
    const text = '推行“四议两公开”工作法，实施“党建+服务”模式，开展“委员进社区”活动，提出“不忘初心”，获“先进集体”称号。';
    expect(names(quotedCandidates(text))).toEqual(['四议两公开', '党建+服务', '委员进社区']);
  });

  it('quoted: the span offsets cover the quote and its category word', () => {
    const text = '开展“委员进社区”活动。';
    const [cand] = quotedCandidates(text);
    expect(text.slice(cand.start, cand.end)).toBe('“委员进社区”活动');
    expect(cand.category).toBe('活动');
  });

  it('labels: unquoted chains need the lexicon; counted heads need a definition or an enumeration', () => {
    expect(names(unquotedCandidates('支部严格落实三会一课，坚持两学一做。'))).toEqual(['三会一课', '两学一做']);
    expect(names(unquotedCandidates('体现三个坚持：坚持学习，坚持调研，坚持建言。'))).toEqual(['三个坚持']);
    expect(names(unquotedCandidates('他参加了三个会议，看了两张图片。'))).toEqual([]);
  });

  it('compounds: unquoted A+B frameworks after a verb or before a category word', () => {
    expect(names(compoundCandidates('推行精准建言+闭环落实机制。'))).toEqual(['精准建言+闭环落实']);
    expect(names(compoundCandidates('他说1+1等于2，大家笑了。'))).toEqual([]);
  });

  it('quoted: examples followed by 等 and an unquoted label give the label, with the examples as its components', () => {
    const text = '在“乡村振兴”“科教振兴”等专项委员行动中，完善“双周学习会”、“文化讲坛”等相配套的学习制度体系，开展“送医”“送学”等系列活动。';
    const labels = quotedCandidates(text).filter((x) => x.source === 'examples-named');
    expect(labels.map((x) => [x.name, x.category, x.components])).toEqual([
      ['专项委员行动', '行动', ['乡村振兴', '科教振兴']],
      ['学习制度体系', '体系', ['双周学习会', '文化讲坛']],
    ]);
    expect(text.slice(labels[0].start, labels[0].end)).toBe('专项委员行动');
  });

  it('systems: items before the only head share it; items with heads of their own are split', () => {
    expect(names(systemCandidates('完善委员列席主席会议、常委会会议制度，'))).toEqual(['委员列席主席会议、常委会会议制度']);
    expect(names(systemCandidates('建立委员约谈制度、界别视察制度和委员履职考评机制。'))).toEqual(['委员约谈制度', '界别视察制度', '委员履职考评机制']);
    // An owner and generic activity words name a kind of rule, not a mechanism.
    expect(names(systemCandidates('建立调研制度、专委会工作制度和协商民主机制。'))).toEqual([]);
    expect(names(systemCandidates('建立健全工作制度、完善考核机制。'))).toEqual([]);
  });

  it('systems: named systems after 建立/完善, split on 和, generic heads skipped', () => {
    expect(names(systemCandidates('建立党员委员联系群众制度和委员履职考评机制。'))).toEqual(['党员委员联系群众制度', '委员履职考评机制']);
    expect(names(systemCandidates('健全履职工作制度机制，建立各项工作制度。'))).toEqual([]);
  });

  it('components: enumerations, definitions and heads', () => {
    expect(splitEnumeration('A、“B、C”、D')).toEqual(['A', '“B、C”', 'D']);
    expect(cleanComponent('通过实施每月走访一次的')).toBe('每月走访一次');
    const t = '由党总支、机关党组、政协党组实行的三级评议';
    expect(enumerationBefore(t, t.indexOf('三级评议'))).toEqual(['党总支', '机关党组', '政协党组']);
    expect(componentsAfter('体现两个到位：责任落实到位；措施保障到位。', '两个到位', 6, 2)).toEqual(['责任落实到位', '措施保障到位']);
    expect(componentsByHead('要推进党的组织对党员委员全覆盖、党的工作对全体委员全覆盖。', '两个全覆盖', 2)).toEqual(['党的组织对党员委员全覆盖', '党的工作对全体委员全覆盖']);
  });

  it('variants: two names with the same components are one mechanism; same name alone is no evidence', () => {
    const m = (name: string, components: string[]): Mechanism => ({
      name, surface: name, kind: 'numbered', category: null, org: '某县政协', components, english: null, expected: components.length,
      countMismatch: false, variants: [], national: false, source: 'test', start: 0, end: name.length, evidence: '',
    });
    expect(componentSimilarity(['党的组织全覆盖', '党的工作全覆盖'], ['党的工作全覆盖', '党的组织全覆盖'])).toBe(1);
    const merged = mergeVariants([m('两个全覆盖', ['党的组织全覆盖', '党的工作全覆盖']), m('两个全面覆盖', ['党的组织全覆盖', '党的工作全覆盖']), m('两个到位', ['责任到位', '措施到位'])]);
    expect(merged.map((x) => [x.name, x.variants])).toEqual([['两个全覆盖', ['两个全面覆盖']], ['两个到位', []]]);
    expect(mergeVariants([m('四个一', []), m('三个一', [])])).toHaveLength(2);
  });
});
