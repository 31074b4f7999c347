import type { DocType, Meta } from '../model/document.js';
import { compileAll, loadJson } from '../util/data.js';
import { unique } from '../util/text.js';
import { repair } from '../normalize/repairs.js';
import { convertString, detectScript } from '../normalize/script.js';
import { bracketCredits, creditNames, datelineSource, parseByline } from './credits.js';
import { lineKey } from './htmlText.js';
import { findDate } from './dates.js';

interface FurnitureData {
  furnitureLine: string[];
  navigationMaxChars: number;
  navigationMinItems: number;
  listItemPrefix: string;
  salutation: string;
  authorRoles: string[];
  editorRoles: string[];
  affiliationCue: string;
  closingCredit: string;
  publicationSuffix: string;
  paywall: string[];
  speechTitleCue: string;
  speechSalutation: string;
  commentaryCue: string[];
  titleMaxChars: number;
  titleMinChars: number;
  dateLineMaxChars: number;
  dateLabel: string;
  clock: string;
  sourceLabel: string;
  creditLabel: string;
  speaker: string;
  dateline: string;
  proseMinChars: number;
}

type Kind = 'empty' | 'furniture' | 'byline' | 'credit' | 'speaker' | 'editor' | 'meta' | 'subtitle' | 'salutation' | 'prose' | 'short' | 'title';

interface Line {
  /** Simplified, repaired key used for matching and metadata. */
  text: string;
  /** The line as published (trimmed). */
  published: string;
  kind: Kind;
}

export interface MainTextResult {
  /** The article text, paragraphs joined by \n, lines trimmed. */
  body: string;
  meta: Partial<Meta>;
  /** True when paywall/preview text followed the body (the page shows only part of the article). */
  paywalled: boolean;
  /** Which rule picked the body start (for the document trace). */
  how: string;
}

let compiled: ReturnType<typeof compile> | null = null;
function compile() {
  const d = loadJson<FurnitureData>('text', 'furniture.json');
  return {
    d,
    furniture: compileAll(d.furnitureLine, 'iu'),
    listItem: new RegExp(d.listItemPrefix, 'u'),
    salutation: new RegExp(d.salutation, 'u'),
    affiliation: new RegExp(d.affiliationCue, 'u'),
    closingCredit: new RegExp(d.closingCredit, 'u'),
    publication: new RegExp(d.publicationSuffix, 'u'),
    paywall: compileAll(d.paywall, 'u'),
    speechTitle: new RegExp(d.speechTitleCue, 'u'),
    speechSalutation: new RegExp(d.speechSalutation, 'u'),
    commentary: compileAll(d.commentaryCue, 'u'),
    dateLabel: new RegExp(d.dateLabel, 'u'),
    clock: new RegExp(d.clock, 'u'),
    sourceLabel: new RegExp(d.sourceLabel, 'u'),
    creditLabel: new RegExp(d.creditLabel, 'u'),
    speaker: new RegExp(d.speaker, 'u'),
    newsDateline: new RegExp(d.dateline, 'u'),
    editorLine: new RegExp(`^[\\[【(（]?\\s*(${d.editorRoles.join('|')})\\s*[:：]\\s*\\S`, 'u'),
    bylineLine: new RegExp(
      `^([□■●◎☆]\\s*\\S|[（(]\\s*\\S{0,12}(记者|通讯员|实习生)\\s*\\S|(本报)?(特约|见习)?(记\\s?者|通讯员)(\\s+|[:：])\\S|\\S{2,12}(报|社|网|台)(特约|见习)?(记者|通讯员)\\s+\\S|作者[:：])`, 'u'),
  };
}
function data() {
  return (compiled ??= compile());
}

/** How far below a sentence-like headline its info bar may be (a channel label may stand between them). */
const HEADLINE_INFO_BAR_LINES = 3;

const SENTENCE_PUNCT = /[，,。；;！!？?、：:]/u;
/** Sentence-final punctuation, also inside a closing quote (……。” ends a sentence, 的“源头活水” does not). */
const TERMINAL = /[。！!？?…][”"」』）)]?$/u;
const HAS_HAN = /\p{Script=Han}/u;

function isNavigation(text: string): boolean {
  const { d } = data();
  if (text.length > d.navigationMaxChars) return false;
  const items = text.split(/\s+/u).filter(Boolean);
  // Single characters spaced out (工 作 报 告) are a heading set wide, not a menu of words.
  if (items.every((w) => w.length === 1)) return false;
  return items.length >= d.navigationMinItems && items.every((w) => w.length <= 8) && !SENTENCE_PUNCT.test(text);
}

function classify(text: string): Kind {
  const c = data();
  if (!text) return 'empty';
  if (c.affiliation.test(text)) return 'byline';
  if (c.editorLine.test(text)) return 'editor';
  if (c.bylineLine.test(text) && text.length <= 60) return 'byline';
  // A subtitle opens with a dash: two hyphens or dashes, or one em dash before the words (—在…会议上).
  if (/^[-—–]{2}|^——|^—\s*\p{Script=Han}/u.test(text)) return 'subtitle';
  // "来源：… 时间：2025-03-05" is the info bar, not a stray source line.
  if (/^来源[:：]/u.test(text) && findDate(text) && text.length <= c.d.dateLineMaxChars) return 'meta';
  if (c.furniture.some((re) => re.test(text)) || c.listItem.test(text) || isNavigation(text)) return 'furniture';
  if (c.salutation.test(text)) return 'salutation';
  const date = findDate(text);
  if (date && text.length <= c.d.dateLineMaxChars && (text.length - date.length < 30 || /\||来源|作者/u.test(text) || c.creditLabel.test(text))) return 'meta';
  if (!HAS_HAN.test(text)) return 'furniture';
  if ((TERMINAL.test(text) && text.length >= 8) || (text.length >= c.d.proseMinChars && SENTENCE_PUNCT.test(text))) return 'prose';
  return 'short';
}

/**
 * A headline a page prints again inside the article (a mirror site's repeated heading): its first copy above
 * the first sentence of prose is the title, every later copy furniture. Only lines without a full stop, long
 * enough not to be a section number or a one-word heading.
 */
function markRepeatedHeadline(lines: Line[]): void {
  const c = data();
  const isCandidate = (l: Line) => (l.kind === 'prose' || l.kind === 'short') && l.text.length >= REPEATED_HEADLINE_MIN_CHARS && l.text.length <= c.d.titleMaxChars && !/[。；][”"」』）)]?$/u.test(l.text);
  const seen = new Map<string, number>();
  for (const l of lines) if (isCandidate(l)) seen.set(lineKey(l.text), (seen.get(lineKey(l.text)) ?? 0) + 1);
  let first = true;
  for (const l of lines) {
    const repeated = isCandidate(l) && (seen.get(lineKey(l.text)) ?? 0) > 1;
    if (repeated && first) { l.kind = 'title'; first = false; continue; }
    if (repeated) l.kind = 'furniture';
    else if (first && l.kind === 'prose' && TERMINAL.test(l.text)) first = false;
  }
}
/** A repeated line this long or longer can be a headline (shorter ones are section numbers and labels). */
const REPEATED_HEADLINE_MIN_CHARS = 8;

/** Kinds of line an info bar is made of: a date line, a byline, an editor line ("编辑:某某|2018-09-28|来源:某网"). */
const INFO_BAR = new Set<Kind>(['meta', 'byline', 'editor']);

const nextLines = (lines: Line[], i: number, n: number) => lines.slice(i + 1).filter((l) => l.kind !== 'empty').slice(0, n);

/**
 * A headline written like a sentence (a colon or commas, no full stop: "某某：行政主导不是一人的事") directly
 * above the info bar (date, source, byline) is the title, not the first paragraph.
 */
function markHeadlineAboveInfoBar(lines: Line[]): void {
  const c = data();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.kind !== 'prose') continue;
    // A headline may ask or exclaim (…是什么样的人?); a full stop ends a sentence, not a headline.
    if (/[。…][”"」』）)]?$/u.test(l.text) || l.text.length > c.d.titleMaxChars) return;
    if (!nextLines(lines, i, HEADLINE_INFO_BAR_LINES).some((n) => INFO_BAR.has(n.kind))) return;
    l.kind = 'title';
  }
}

/** A line that is a date and nothing more but brackets: a speech's date under its title, （二〇一九年一月八日）. */
function dateOnly(text: string): boolean {
  const d = findDate(text);
  return !!d && text.length - d.length <= DATE_LINE_EXTRA_CHARS;
}
/** Brackets and spaces around a date line's date. */
const DATE_LINE_EXTRA_CHARS = 4;

/** A speech's speaker line: an official title and a name, or a name alone right below the speech's date line. */
function markSpeaker(header: Line[]): void {
  const c = data();
  let prev: Line | null = null;
  for (const l of header) {
    if (l.kind === 'empty') continue;
    // Speeches space a two-character name out to the width of three (段  鸣): the spaces are typography.
    const key = /^\p{Script=Han}(?:[ \u3000]+\p{Script=Han}){1,3}$/u.test(l.text) ? l.text.replace(/[ \u3000]+/gu, '') : l.text;
    const m = l.kind === 'short' ? c.speaker.exec(key) : null;
    // A name alone is a speaker only beside the speech's own date line or under its occasion (—在…会议上).
    const next = header[header.indexOf(l) + 1 + header.slice(header.indexOf(l) + 1).findIndex((x) => x.kind !== 'empty')];
    const besideDate = (prev && (dateOnly(prev.text) || prev.kind === 'subtitle')) || (next && dateOnly(next.text));
    if (m?.groups && (m.groups.title || besideDate)) {
      l.kind = 'speaker';
      l.text = key;
    }
    prev = l;
  }
}

/** Title and subtitle from the header zone (the lines above the body). */
function titleOf(header: Line[]): Partial<Meta> {
  const c = data();
  const out: Partial<Meta> = {};
  const subIdx = header.findIndex((l) => l.kind === 'subtitle' && !findDate(l.text));
  if (subIdx >= 0) out.subtitle = header[subIdx].text.replace(/^[-—–\s]+/u, '').trim() || null;
  // The anchor is the info bar, byline or subtitle nearest the body: the headline sits just above it, or
  // just below it as a stack of lines (title, then the lines that continue it).
  const lastOf = (kinds: Kind[]) => { for (let i = header.length - 1; i >= 0; i--) if (kinds.includes(header[i].kind)) return i; return -1; };
  const info = lastOf(['byline', 'meta', 'editor']);
  const anchor = info >= 0 ? info : lastOf(['subtitle', 'speaker']);
  // A stack below the info bar ends where the speech's occasion or speaker begins.
  const stackEnd = (() => { const k = header.slice(anchor + 1).findIndex((l) => l.kind === 'subtitle' || l.kind === 'speaker'); return k < 0 ? header.length : anchor + 1 + k; })();
  const titleLike = (l: Line, min: number) => l.kind === 'title' || (l.kind === 'short' && HAS_HAN.test(l.text) && l.text.length >= min && l.text.length <= c.d.titleMaxChars && !c.publication.test(l.text));
  const pick = (min: number): Line[] | null => {
    const after = anchor >= 0 ? header.slice(anchor + 1, stackEnd).filter((l) => titleLike(l, min)) : [];
    // The same headline set again below the info bar in short lines (a report's cover: 中国人民政治协商会议 /
    // 某市委员会 / 工 作 报 告) is the line above it, broken up: the line above is the title.
    const joined = after.map((l) => lineKey(l.text)).join('');
    const whole = joined && header.slice(0, anchor).find((l) => titleLike(l, min) && lineKey(l.text) === joined);
    if (whole) return [whole];
    if (after.length) return after;
    const before = header.slice(0, anchor >= 0 ? anchor : header.length).filter((l) => titleLike(l, min));
    const marked = before.filter((l) => l.kind === 'title');
    const t = marked[marked.length - 1] ?? before[before.length - 1];
    return t ? [t] : null;
  };
  // A headline shorter than titleMinChars (a district's name over its brief) only when nothing longer is there.
  const stack = pick(c.d.titleMinChars) ?? pick(2);
  if (!stack) return out;
  // "标题 ——副题" on one line.
  const [title, sub] = stack[0].text.split(/\s*——\s*/u);
  out.title = title.length >= 2 && sub ? title : stack[0].text;
  if (!out.subtitle && sub && title.length >= 2) out.subtitle = sub;
  if (!out.subtitle && stack.length > 1) out.subtitle = stack.slice(1).map((l) => l.text).join(' ');
  return out;
}

/**
 * The publication date above the body: a labelled date (时间：, 发布时间：) first, then an unlabelled one;
 * a site clock (a date with its weekday and nothing else) only when there is no other.
 */
function dateOf(header: Line[]): string | null {
  const c = data();
  const found = header
    .filter((l) => ['meta', 'short', 'furniture', 'subtitle', 'editor', 'byline'].includes(l.kind) && l.text.length <= c.d.dateLineMaxChars)
    .map((l) => ({ l, d: findDate(l.text) }))
    .filter((x): x is { l: Line; d: NonNullable<ReturnType<typeof findDate>> } => x.d !== null);
  const labelled = found.find((x) => c.dateLabel.test(x.l.text.slice(0, x.d.index)));
  if (labelled) return labelled.d.iso;
  return (found.find((x) => !c.clock.test(x.l.text)) ?? found[0])?.d.iso ?? null;
}

/** A speech's speaker line ("市政协主席　张三"): the name is the author, the title its role. */
function speakerOf(line: string): ReturnType<typeof parseByline> | null {
  const m = data().speaker.exec(line);
  if (!m?.groups) return null;
  const role = (m.groups.title ?? '').trim();
  return { names: [m.groups.name], roles: role ? [role] : [], publication: null, editors: [], bylines: [{ name: m.groups.name, role }] };
}

function docTypeOf(title: string | null, bodyFirst: string, context: string[]): DocType {
  const c = data();
  if (c.speechSalutation.test(bodyFirst)) return 'speech';
  // A report about a speech opens with a news dateline (新华社北京…电, 央视网消息): news, whatever its headline says.
  if (title && c.speechTitle.test(title) && !c.newsDateline.test(bodyFirst)) return 'speech';
  if (context.some((l) => c.commentary.some((re) => re.test(l)))) return 'commentary';
  return 'news';
}

/**
 * Main text from a page saved as text: the body runs from the first prose line (or a salutation such
 * as 同志们：) to the last prose line; furniture, bylines and editor lines are dropped from it and read
 * into metadata. The header zone above the body gives title, subtitle, date and source.
 */
export function mainTextFromLines(page: string, known: Partial<Meta> = {}, article = false): MainTextResult {
  const c = data();
  // Lines are classified and read on a key in Simplified without glosses (本報通訊(xùn)員 → 本报通讯员);
  // the body keeps the published form.
  const variant = detectScript(page).variant;
  const lines: Line[] = page.split(/\r?\n/u).map((raw) => {
    // A trailing field separator (an info bar's "|") is furniture, not the end of the sentence.
    const published = raw.replace(/[\u00a0\u3000\t ]+/gu, ' ').trim().replace(/(?<=\S)\s*[|｜]+$/u, '');
    const text = convertString(repair(published).text, variant);
    return { text, published, kind: classify(text) };
  });
  // A headline the markup already gave (an HTML page's title line) is the title even when it reads as a
  // sentence ("有英勇的你，才有英雄的城！"): it must not start the body.
  // Readability's article may repeat the headline the page line already gave: every copy before the
  // first prose line is the title.
  if (known.title) {
    const key = known.title.replace(/\s+/gu, '');
    const isTitleLine = (l: Line) => l.published.replace(/\s+/gu, '') === key || l.text.replace(/\s+/gu, '') === key;
    for (const l of lines) {
      if (l.kind === 'prose' && !isTitleLine(l)) break;
      if (isTitleLine(l)) l.kind = 'title';
    }
  }
  markRepeatedHeadline(lines);
  markHeadlineAboveInfoBar(lines);
  let start = lines.findIndex((l) => l.kind === 'prose' || l.kind === 'salutation');
  let how = start >= 0 && lines[start].kind === 'salutation' ? 'salutation' : 'first-prose-line';
  if (article) {
    // The block is already the article (Readability, a site profile): unpunctuated lines such as a blog's
    // one-phrase lines or a credits line are text, not furniture, so the body starts at the first of them.
    const first = lines.findIndex((l) => l.kind === 'short' || l.kind === 'prose' || l.kind === 'salutation');
    if (first >= 0 && (start < 0 || first < start)) { start = first; how = 'article-block'; }
  }
  if (start < 0) {
    // No prose at all (a short notice): keep every non-furniture line.
    start = lines.findIndex((l) => l.kind === 'short');
    how = 'short-lines';
  }
  let end = -1;
  const last = (l: Line) => l.kind === 'prose' || (article && l.kind === 'short');
  for (let i = lines.length - 1; i >= 0; i--) if (last(lines[i])) { end = i; break; }
  if (end < start) end = lines.length - 1;
  // A closing credit (（张三　李四）) is the article's last line or the first after it: reporters, not text.
  for (let i = end, seen = 0; i < lines.length && seen < 2; i++) {
    if (lines[i].kind === 'empty') continue;
    seen++;
    if (!c.closingCredit.test(lines[i].text)) continue;
    const names = creditNames(lines[i].text);
    if (!names.length) continue;
    lines[i].kind = 'credit';
    if (i === end) while (end > start && !last(lines[end])) end--;
    break;
  }

  const body: Line[] = [];
  if (start >= 0) {
    for (let i = start; i <= end; i++) {
      const l = lines[i];
      if (l.kind === 'prose' || l.kind === 'salutation' || l.kind === 'short' || l.kind === 'subtitle') body.push(l);
    }
  }
  const bodyLines = body.map((l) => l.published);
  const header = start >= 0 ? lines.slice(0, start) : lines;
  markSpeaker(header);
  const footer = lines.slice(end + 1);
  const meta: Partial<Meta> = { ...titleOf(header) };

  // Credits inside the body range (a closing "（记者 某某）" line, an editor line before the last paragraph) are
  // dropped from the body above and read here with the header and footer.
  const inBody = start >= 0 ? lines.slice(start, end + 1).filter((l) => l.kind === 'byline' || l.kind === 'editor' || l.kind === 'credit') : [];
  const metaLines = [...header, ...inBody, ...footer].filter((l) => l.kind !== 'empty');
  meta.date = dateOf(header);
  const authors: string[] = [];
  const editors: string[] = [];
  const bylines: { name: string; role: string }[] = [];
  let source: string | null = null;
  let bylinePublication: string | null = null;
  const addCredits = (b: ReturnType<typeof parseByline> | null) => {
    if (!b) return;
    authors.push(...b.names);
    editors.push(...b.editors);
    bylines.push(...b.bylines);
    bylinePublication ??= b.publication;
  };
  for (const l of header) if (l.kind === 'speaker') addCredits(speakerOf(l.text));
  for (const l of metaLines) if (l.kind === 'credit') addCredits({ names: creditNames(l.text), roles: [], publication: null, editors: [], bylines: [] });
  for (const l of metaLines) {
    // 来源 may follow a date on an info bar ("2017-03-10 09:58 来源：某网 作者：…"): the name ends at a space,
    // a separator, a bracket or the next field's label.
    const src = c.sourceLabel.exec(l.text);
    if (src) source ??= src[1];
    if (l.kind === 'byline' || l.kind === 'editor' || l.kind === 'meta' || c.creditLabel.test(l.text)) {
      // Info bars separate fields by | or by spaces before a field label ("发布时间：… 来源：… 作者：…").
      const segs = l.text.split(/\s*[|｜]\s*|\s*(?=(?:来源|作者|记者|责任编辑|(?<!责任)编辑|发布时间|(?<!发布)时间|浏览|点击|阅读)[:：])/u).filter((s) => !/^来源/u.test(s) && !findDate(s));
      for (const seg of segs) if (!c.affiliation.test(seg)) addCredits(parseByline(seg));
    }
    // "来源：某报（记者某某）": a credit in brackets on a metadata line.
    if (l.kind !== 'credit' && l.kind !== 'byline') addCredits(bracketCredits(l.text, false));
  }
  // Credits in brackets that open the first paragraph (after its dateline) or close the last one.
  if (body.length) {
    addCredits(bracketCredits(body[0].text, body.length === 1));
    if (body.length > 1) addCredits(bracketCredits(body[body.length - 1].text, true));
  }
  source ??= body.length ? datelineSource(body[0].text) : null;
  source ??= bylinePublication;
  if (!source) {
    const pub = header.find((l) => l.kind === 'short' && l.text.length <= 12 && c.publication.test(l.text));
    if (pub) source = pub.text;
  }
  if (!source) {
    // An info bar without labels ("2019-01-18 09:05 某政协报"): a publication name beside its date.
    for (const l of header.filter((x) => x.kind === 'meta')) {
      const d = findDate(l.text);
      const rest = d ? (l.text.slice(0, d.index) + ' ' + l.text.slice(d.index + d.length)).replace(/\d{1,2}:\d{2}(:\d{2})?/gu, ' ') : l.text;
      const name = rest.split(/\s+|(?:作者|记者|编辑|责任编辑|来源|时间)[:：]\S*/u).find((t) => t && /^\p{Script=Han}{2,12}$/u.test(t) && c.publication.test(t));
      if (name) { source = name; break; }
    }
  }
  meta.source = source;
  meta.authors = unique(authors);
  meta.editors = unique(editors);
  meta.bylines = bylines.filter((b, i) => bylines.findIndex((x) => x.name === b.name) === i);
  const contextLines = [...header, ...footer].map((l) => l.text);
  meta.doc_type = docTypeOf(meta.title ?? known.title ?? null, body[0]?.text ?? '', contextLines);
  const paywalled = footer.some((l) => c.paywall.some((re) => re.test(l.text)));
  return { body: bodyLines.join('\n'), meta, paywalled, how };
}
