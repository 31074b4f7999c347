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
  givenNameTags: string[];
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
  grades: string[];
  former: string[];
  chainJoiners: string[];
  needsPrefix: string[];
  selfContained: string[];
  groupLabels: string[];
  levelPrefix: string;
  groupBridge: string;
  orgEnding: string;
  orgTags: string[];
  orgCharTags: string[];
  orgPrefixMaxChars: number;
  orgPrefixStops: string;
  placeMaxChars: number;
  demonstrative: string;
  appointment: string;
  appointmentEnd: string;
  appointmentItemMaxChars: number;
  partySub: string;
}

/** Longest first, so an alternation prefers 党组书记 to 书记. */
const alternation = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
/** A regex that matches only where it is applied (see matchAt). */
const sticky = (source: string) => new RegExp(source, 'uy');
/** A regex for the end of a window (see matchBefore), with the window's length. */
const atEnd = (xs: string[]) => ({ re: new RegExp(`(?:${alternation(xs)})$`, 'u'), chars: Math.max(...xs.map((x) => x.length)) });

/** The match of a sticky regex that starts exactly at pos, or ''. */
export function matchAt(re: RegExp, text: string, pos: number): string {
  re.lastIndex = pos;
  return re.exec(text)?.[0] ?? '';
}

/** The match of an atEnd regex that ends exactly at pos, or ''. */
export function matchBefore(pattern: { re: RegExp; chars: number }, text: string, pos: number): string {
  return pattern.re.exec(text.slice(Math.max(0, pos - pattern.chars), pos))?.[0] ?? '';
}

type Introducer = NameData['introducers'][number];

export interface PeopleVocab {
  n: NameData;
  t: TitleData;
  single: Set<string>;
  weak: Set<string>;
  /** Compound surnames, longest first. */
  compound: string[];
  /** Length of the longest name reading a surname allows (compound surname + given name). */
  nameMaxChars: number;
  punct: RegExp;
  followers: RegExp;
  followerWords: Set<string>;
  followersAtEnd: RegExp;
  separators: RegExp;
  dotName: RegExp;
  /** Any role word, global (the places where a title can end). */
  roleAnywhere: RegExp;
  role: { re: RegExp; chars: number };
  roleAt: RegExp;
  rank: { re: RegExp; chars: number };
  grade: { re: RegExp; chars: number };
  former: { re: RegExp; chars: number };
  orgEnding: RegExp;
  partySub: RegExp;
  demonstrative: RegExp;
  groupBridge: RegExp;
  levelPrefix: RegExp;
  honorific: RegExp;
  titleAfter: RegExp;
  titleAfterAnywhere: RegExp;
  asTitle: RegExp;
  appointment: RegExp;
  appointmentEnd: RegExp;
  introducer: RegExp;
  introducerOf: Map<string, Introducer>;
  introducerBridge: RegExp;
  roleAsLead: RegExp;
  roleAsLeadSplit: RegExp;
  tags: { name: Set<string>; givenName: Set<string>; boundary: Set<string>; word: Set<string>; proper: Set<string>; org: Set<string>; orgChar: Set<string> };
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
  const compound = [...s.compound].sort((a, b) => b.length - a.length);
  const part = `\\p{Script=Han}{1,${n.dotNamePartMaxChars}}`;
  compiled = {
    n, t,
    single: new Set([...s.single]),
    weak: new Set([...s.weak]),
    compound,
    nameMaxChars: compound[0].length + n.givenNameMaxChars,
    // The punctuation list holds \s as an escape, not a character class member to be escaped.
    punct: new RegExp(`^(?:${charClass(n.punctuation.replace('\\s', ''))}|\\s)`, 'u'),
    followers: sticky(alternation(n.followers)),
    followerWords: new Set(n.followers),
    followersAtEnd: atEnd(n.followers).re,
    separators: sticky(alternation(n.listSeparators)),
    dotName: sticky(`(?:${part}[${n.dots}])+(${part})`),
    roleAnywhere: new RegExp(alternation(t.roles), 'gu'),
    role: atEnd(t.roles),
    roleAt: sticky(alternation(t.roles)),
    rank: atEnd(t.ranks),
    grade: atEnd(t.grades),
    former: atEnd(t.former),
    orgEnding: new RegExp(t.orgEnding, 'u'),
    partySub: new RegExp(t.partySub, 'u'),
    demonstrative: new RegExp(t.demonstrative, 'u'),
    groupBridge: sticky(t.groupBridge),
    levelPrefix: new RegExp(`^${t.levelPrefix}$`, 'u'),
    honorific: sticky(alternation(n.honorifics)),
    titleAfter: sticky(alternation(n.titleAfterName)),
    titleAfterAnywhere: new RegExp(alternation(n.titleAfterName), 'gu'),
    asTitle: sticky(n.asTitle),
    appointment: sticky(t.appointment),
    appointmentEnd: sticky(t.appointmentEnd),
    introducer: new RegExp(alternation(introducers.map(([w]) => w)), 'gu'),
    introducerOf: new Map(introducers),
    introducerBridge: sticky(n.introducerBridge),
    roleAsLead: new RegExp(n.roleAsLead, 'u'),
    roleAsLeadSplit: new RegExp(n.roleAsLeadSplit, 'u'),
    tags: {
      name: new Set(n.nameTags), givenName: new Set(n.givenNameTags), boundary: new Set(n.boundaryTags), word: new Set(n.wordTags),
      proper: new Set(n.properTags), org: new Set(t.orgTags), orgChar: new Set(t.orgCharTags),
    },
    sets: { needsPrefix: new Set(t.needsPrefix), selfContained: new Set(t.selfContained), groupLabels: new Set(t.groupLabels) },
  };
  return compiled;
}

/** jieba's person-name tags (nr, nrfg, nrt), as opposed to x for any word outside the dictionary. */
export const isPersonTag = (tag: string) => tag.startsWith('nr');
