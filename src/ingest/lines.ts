import type { DocType, Meta } from '../model/document.js';
import { compileAll, loadJson } from '../util/data.js';
import { unique } from '../util/text.js';
import { repair } from '../normalize/repairs.js';
import { convertString, detectScript } from '../normalize/script.js';
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
  publicationSuffix: string;
  paywall: string[];
  speechTitleCue: string;
  speechSalutation: string;
  commentaryCue: string[];
  titleMaxChars: number;
  proseMinChars: number;
}

type Kind = 'empty' | 'furniture' | 'byline' | 'editor' | 'meta' | 'subtitle' | 'salutation' | 'prose' | 'short' | 'title';

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
  const roles = [...d.authorRoles, ...d.editorRoles].sort((a, b) => b.length - a.length);
  return {
    d,
    furniture: compileAll(d.furnitureLine, 'iu'),
    listItem: new RegExp(d.listItemPrefix, 'u'),
    salutation: new RegExp(d.salutation, 'u'),
    affiliation: new RegExp(d.affiliationCue, 'u'),
    publication: new RegExp(d.publicationSuffix, 'u'),
    paywall: compileAll(d.paywall, 'u'),
    speechTitle: new RegExp(d.speechTitleCue, 'u'),
    speechSalutation: new RegExp(d.speechSalutation, 'u'),
    commentary: compileAll(d.commentaryCue, 'u'),
    editorLine: new RegExp(`^[\\[【(（]?\\s*(${d.editorRoles.join('|')})\\s*[:：]\\s*\\S`, 'u'),
    bylineLine: new RegExp(
      `^([□■●◎☆]\\s*\\S|[（(]\\s*\\S{0,12}(记者|通讯员|实习生)\\s*\\S|(本报)?(特约|见习)?(记者|通讯员)\\s+\\S|作者[:：])`, 'u'),
    roleToken: new RegExp(`(${roles.join('|')})$`, 'u'),
    roles,
  };
}
function data() {
  return (compiled ??= compile());
}

const SENTENCE_PUNCT = /[，,。；;！!？?、：:]/u;
/** Sentence-final punctuation, also inside a closing quote (……。” ends a sentence, 的“源头活水” does not). */
const TERMINAL = /[。！!？?…][”"」』）)]?$/u;
const HAS_HAN = /\p{Script=Han}/u;

function isNavigation(text: string): boolean {
  const { d } = data();
  if (text.length > d.navigationMaxChars) return false;
  const items = text.split(/\s+/u).filter(Boolean);
  return items.length >= d.navigationMinItems && items.every((w) => w.length <= 8) && !SENTENCE_PUNCT.test(text);
}

function classify(text: string): Kind {
  const c = data();
  if (!text) return 'empty';
  if (c.affiliation.test(text)) return 'byline';
  if (c.editorLine.test(text)) return 'editor';
  if (c.bylineLine.test(text) && text.length <= 60) return 'byline';
  if (/^[-—–]{2}|^——/u.test(text)) return 'subtitle';
  if (c.furniture.some((re) => re.test(text)) || c.listItem.test(text) || isNavigation(text)) return 'furniture';
  if (c.salutation.test(text)) return 'salutation';
  const date = findDate(text);
  if (date && text.length <= 60 && (text.length - date.length < 30 || /\||来源|作者/u.test(text))) return 'meta';
  if (!HAS_HAN.test(text)) return 'furniture';
  if ((TERMINAL.test(text) && text.length >= 8) || (text.length >= c.d.proseMinChars && SENTENCE_PUNCT.test(text))) return 'prose';
  return 'short';
}

/** Names after role words in a byline: "□ 本报记者 凌云", "(重庆日报记者 戴娟 实习生 徐闻禧". */
export function parseByline(line: string): { names: string[]; roles: string[]; publication: string | null; editors: string[]; bylines: { name: string; role: string }[] } {
  const c = data();
  const names: string[] = [];
  const editors: string[] = [];
  const roles: string[] = [];
  const bylines: { name: string; role: string }[] = [];
  let roleWritten = '';
  let publication: string | null = null;
  let role: string | null = null;
  const tokens = line.replace(/^[□■●◎☆\s[【(（]+|[\]】)）\s]+$/gu, '').split(/[\s、，,|｜:：]+/u).filter(Boolean);
  for (const tok of tokens) {
    const m = c.roleToken.exec(tok);
    if (m) {
      role = m[1];
      roleWritten = tok;
      roles.push(role);
      const prefix = tok.slice(0, tok.length - role.length).replace(/^本报$/u, '');
      if (prefix && c.publication.test(prefix)) publication = prefix;
      continue;
    }
    if (role && /^\p{Script=Han}{2,4}$/u.test(tok)) {
      if (c.d.editorRoles.includes(role)) editors.push(tok);
      else names.push(tok);
      bylines.push({ name: tok, role: roleWritten });
    }
  }
  return { names, roles, publication, editors, bylines };
}

function docTypeOf(title: string | null, bodyFirst: string, context: string[]): DocType {
  const c = data();
  if (c.speechSalutation.test(bodyFirst) || (title && c.speechTitle.test(title))) return 'speech';
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
    const published = raw.replace(/[\u00a0\u3000\t ]+/gu, ' ').trim();
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

  const bodyLines: string[] = [];
  if (start >= 0) {
    for (let i = start; i <= end; i++) {
      const l = lines[i];
      if (l.kind === 'prose' || l.kind === 'salutation' || l.kind === 'short' || l.kind === 'subtitle') bodyLines.push(l.published);
    }
  }
  const header = start >= 0 ? lines.slice(0, start) : lines;
  const footer = lines.slice(end + 1);
  const meta: Partial<Meta> = {};

  // Title and subtitle: the subtitle is the "——" line; the title the nearest candidate above the subtitle,
  // byline or dateline, else the last title-like line of the header.
  const subIdx = header.findIndex((l) => l.kind === 'subtitle');
  if (subIdx >= 0) meta.subtitle = header[subIdx].text.replace(/^[-—–\s]+/u, '').trim() || null;
  const anchor = subIdx >= 0 ? subIdx : header.findIndex((l) => l.kind === 'byline' || l.kind === 'meta');
  const isTitle = (l: Line) => l.kind === 'title' || l.kind === 'short' && HAS_HAN.test(l.text) && l.text.length >= 4 && l.text.length <= c.d.titleMaxChars && !c.publication.test(l.text);
  const before = header.slice(0, anchor >= 0 ? anchor : header.length).filter(isTitle);
  if (before.length) meta.title = before[before.length - 1].text;

  const metaLines = [...header, ...footer].filter((l) => l.kind !== 'empty');
  for (const l of header) {
    if (meta.date) break;
    if (l.kind === 'meta' || l.kind === 'short' || l.kind === 'furniture') {
      const d = findDate(l.text);
      if (d && l.text.length <= 60) meta.date = d.iso;
    }
  }
  const authors: string[] = [];
  const editors: string[] = [];
  const bylines: { name: string; role: string }[] = [];
  let source: string | null = null;
  let bylinePublication: string | null = null;
  for (const l of metaLines) {
    // 来源 may follow a date on an info bar ("2017-03-10 09:58 来源：某网 作者：…"): the name ends at a space,
    // a separator or the next field's label.
    const src = /(?:^|[\s|｜])来源[:：]\s*([^\s|｜:：]+?)(?=$|[\s|｜]|作者|编辑|责任编辑|记者|发布|时间)/u.exec(l.text);
    if (src) source ??= src[1];
    if (l.kind === 'byline' || l.kind === 'editor' || l.kind === 'meta' || /作者[:：]/u.test(l.text)) {
      // Info bars separate fields by | or by spaces before a field label ("发布时间：… 来源：… 作者：…").
      const segs = l.text.split(/\s*[|｜]\s*|\s+(?=(?:来源|作者|记者|编辑|责任编辑|发布时间|时间)[:：])/u).filter((s) => !/^来源/u.test(s) && !findDate(s));
      for (const seg of segs) {
        if (c.affiliation.test(seg)) continue;
        const b = parseByline(seg);
        authors.push(...b.names);
        editors.push(...b.editors);
        bylines.push(...b.bylines);
        bylinePublication ??= b.publication;
      }
    }
  }
  if (!source) source = bylinePublication;
  if (!source) {
    const pub = header.find((l) => l.kind === 'short' && l.text.length <= 12 && c.publication.test(l.text));
    if (pub) source = pub.text;
  }
  if (!source) {
    for (const l of header.filter((x) => x.kind === 'meta')) {
      const d = findDate(l.text);
      const rest = d ? (l.text.slice(0, d.index) + ' ' + l.text.slice(d.index + d.length)).replace(/\d{1,2}:\d{2}(:\d{2})?/gu, ' ') : l.text;
      const name = rest.split(/\s+/u).find((t) => /^\p{Script=Han}{2,12}$/u.test(t));
      if (name) { source = name; break; }
    }
  }
  meta.source = source;
  meta.authors = unique(authors);
  meta.editors = unique(editors);
  meta.bylines = bylines.filter((b, i) => bylines.findIndex((x) => x.name === b.name) === i);
  const contextLines = [...header, ...footer].map((l) => l.text);
  meta.doc_type = docTypeOf(meta.title ?? known.title ?? null, bodyLines[0] ?? '', contextLines);
  const paywalled = footer.some((l) => c.paywall.some((re) => re.test(l.text)));
  return { body: bodyLines.join('\n'), meta, paywalled, how };
}
