import { loadJson } from '../../util/data.js';
import { escapeRegExp } from '../../util/text.js';

/** pipelines/extract/people.json: name evidence other than surnames and titles. */
interface NameData {
  givenNameMaxChars: number;
  dotNamePartMaxChars: number;
  dots: string;
  punctuation: string;
  listSeparators: string[];
  commaSeparators: string[];
  followers: string[];
  boundaryTags: string[];
  nameTags: string[];
  wordTags: string[];
  properTags: string[];
  nameTrailingChars: string;
  nameTrailingVerbs: string;
  neverInName: string[];
  notNames: string[];
  furniture: string[];
  introducers: { words: string[]; role: 'author' | 'editor' | 'mentioned'; titled: boolean }[];
  introducerBridge: string;
  honorifics: string[];
  titleAfterName: string[];
  asTitle: string;
  asIntro: string;
  roleAsLead: string;
  roleAsLeadSplit: string;
}

/** pipelines/extract/people-surnames.json. */
interface SurnameData {
  single: string;
  compound: string[];
  weak: string;
}

/** pipelines/extract/people-titles.json: the title grammar. */
interface TitleData {
  roles: string[];
  ranks: string[];
  grade: string;
  former: string[];
  chainJoiners: string[];
  needsPrefix: string[];
  selfContained: string[];
  groupLabels: string[];
  levelPrefix: string;
  groupBridge: string;
  orgEnding: string;
  orgTags: string[];
  orgPrefixMaxChars: number;
  demonstrative: string;
  appointment: string;
  appointmentEnd: string;
  appointmentItemMaxChars: number;
  partySub: string;
  orgCharTags: string[];
  placeMaxChars: number;
  orgPrefixStops: string;
}

/** Longest first, so an alternation prefers 党组书记 to 书记. */
export const alternation = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

export interface PeopleVocab {
  n: NameData;
  s: SurnameData;
  t: TitleData;
  single: Set<string>;
  weak: Set<string>;
  /** Compound surnames, longest first. */
  compound: string[];
  punct: RegExp;
  followers: RegExp;
  followerWords: Set<string>;
  followersAtEnd: RegExp;
  separators: RegExp;
  /** Any role word, global (the places where a title can end). */
  roleAnywhere: RegExp;
  roleAtEnd: RegExp;
  roleAtStart: RegExp;
  roleMaxChars: number;
  rankAtEnd: RegExp;
  gradeAtEnd: RegExp;
  formerAtEnd: RegExp;
  orgEnding: RegExp;
  partySub: RegExp;
  demonstrative: RegExp;
  groupBridge: RegExp;
  levelPrefix: RegExp;
  honorific: RegExp;
  titleAfter: RegExp;
  asTitle: RegExp;
  appointment: RegExp;
  appointmentEnd: RegExp;
  introducer: RegExp;
  introducerOf: Map<string, NameData['introducers'][number]>;
  introducerBridge: RegExp;
  roleAsLead: RegExp;
  roleAsLeadSplit: RegExp;
  tags: { name: Set<string>; boundary: Set<string>; word: Set<string>; proper: Set<string>; org: Set<string>; orgChar: Set<string> };
  sets: { needsPrefix: Set<string>; selfContained: Set<string>; groupLabels: Set<string> };
}

let compiled: PeopleVocab | null = null;

/** The people vocabularies, loaded and compiled once per process. */
export function peopleVocab(): PeopleVocab {
  if (compiled) return compiled;
  const n = loadJson<NameData>('extract', 'people.json');
  const s = loadJson<SurnameData>('extract', 'people-surnames.json');
  const t = loadJson<TitleData>('extract', 'people-titles.json');
  const charClass = (chars: string) => `[${chars.replace(/[\]\\^-]/gu, '\\$&')}]`;
  const introducers = n.introducers.flatMap((g) => g.words.map((w) => [w, g] as const));
  compiled = {
    n, s, t,
    single: new Set([...s.single]),
    weak: new Set([...s.weak]),
    compound: [...s.compound].sort((a, b) => b.length - a.length),
    // The punctuation list holds \s as an escape, not a character class member to be escaped.
    punct: new RegExp(`^(?:${charClass(n.punctuation.replace('\\s', ''))}|\\s)`, 'u'),
    followers: new RegExp(`^(?:${alternation(n.followers)})`, 'u'),
    followerWords: new Set(n.followers),
    followersAtEnd: new RegExp(`(?:${alternation(n.followers)})$`, 'u'),
    separators: new RegExp(`^(?:${alternation(n.listSeparators)})`, 'u'),
    roleAnywhere: new RegExp(`(?:${alternation(t.roles)})`, 'gu'),
    roleAtEnd: new RegExp(`(?:${alternation(t.roles)})$`, 'u'),
    roleAtStart: new RegExp(`^(?:${alternation(t.roles)})`, 'u'),
    roleMaxChars: Math.max(...t.roles.map((r) => r.length)),
    rankAtEnd: new RegExp(`(?:${alternation(t.ranks)})$`, 'u'),
    gradeAtEnd: new RegExp(`${t.grade}$`, 'u'),
    formerAtEnd: new RegExp(`(?:${alternation(t.former)})$`, 'u'),
    orgEnding: new RegExp(t.orgEnding, 'u'),
    partySub: new RegExp(t.partySub, 'u'),
    demonstrative: new RegExp(t.demonstrative, 'u'),
    groupBridge: new RegExp(t.groupBridge, 'u'),
    levelPrefix: new RegExp(`^${t.levelPrefix}$`, 'u'),
    honorific: new RegExp(`^(?:${alternation(n.honorifics)})`, 'u'),
    titleAfter: new RegExp(`^(?:${alternation(n.titleAfterName)})`, 'u'),
    asTitle: new RegExp(n.asTitle, 'u'),
    appointment: new RegExp(t.appointment, 'u'),
    appointmentEnd: new RegExp(t.appointmentEnd, 'u'),
    introducer: new RegExp(`(?:${alternation(introducers.map(([w]) => w))})`, 'gu'),
    introducerOf: new Map(introducers),
    introducerBridge: new RegExp(n.introducerBridge, 'u'),
    roleAsLead: new RegExp(n.roleAsLead, 'u'),
    roleAsLeadSplit: new RegExp(n.roleAsLeadSplit, 'u'),
    tags: {
      name: new Set(n.nameTags), boundary: new Set(n.boundaryTags), word: new Set(n.wordTags), proper: new Set(n.properTags), org: new Set(t.orgTags), orgChar: new Set(t.orgCharTags),
    },
    sets: { needsPrefix: new Set(t.needsPrefix), selfContained: new Set(t.selfContained), groupLabels: new Set(t.groupLabels) },
  };
  return compiled;
}
