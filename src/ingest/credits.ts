/**
 * Credits and datelines: who wrote and edited a text, and which publication sent it, read from bylines
 * ("□ 本报记者 凌云", "编辑: 杨玉娟 审核人:叶玲玲"), bracketed credits at the start or end of a paragraph
 * ("人民网合肥11月8日电 （记者钱伟）", "……贡献。 (谭林森)") and datelines ("新华社北京2月27日电", "晨报讯").
 */
import { loadJson } from '../util/data.js';
import { escapeRegExp } from '../util/text.js';

interface CreditData {
  authorRoles: string[];
  editorRoles: string[];
  publicationSuffix: string;
  creditNotName: string;
  dateline: string;
  datelineNotSource: string[];
}

let compiled: ReturnType<typeof compile> | null = null;
function compile() {
  const d = loadJson<CreditData>('text', 'furniture.json');
  const roles = [...d.authorRoles, ...d.editorRoles].sort((a, b) => b.length - a.length);
  const multi = roles.filter((r) => r.length >= 2);
  return {
    d,
    roles,
    roleAtEnd: new RegExp(`(${roles.map(escapeRegExp).join('|')})$`, 'u'),
    // A role glued to the name that follows it (记者钱伟); single-character roles (文, 摄) never start a name.
    roleAtStart: new RegExp(`^(${multi.map(escapeRegExp).join('|')})(?=\\p{Script=Han}{2,4}$)`, 'u'),
    // Typographic spacing inside a role word ("记 者") is not a separator.
    spacedRole: new RegExp(multi.map((r) => [...r].map(escapeRegExp).join('[ \\u3000]?')).join('|'), 'gu'),
    publication: new RegExp(d.publicationSuffix, 'u'),
    notName: new RegExp(d.creditNotName, 'u'),
    dateline: new RegExp(d.dateline, 'u'),
    notSource: new Set(d.datelineNotSource),
  };
}
const data = () => (compiled ??= compile());

/** A person's name as credits write it: 2–4 Han characters, or a minority name with an interpunct. */
const NAME = /^(\p{Script=Han}{2,4}|\p{Script=Han}{1,6}[·•]\p{Script=Han}{1,8})$/u;

export interface Credits {
  names: string[];
  roles: string[];
  publication: string | null;
  editors: string[];
  bylines: { name: string; role: string }[];
}

/**
 * Names after role words in a byline: "□ 本报记者 凌云", "(重庆日报记者 戴娟 实习生 徐闻禧", "记者：郭咏欣、李健威
 * 北京报道". A label that is not a role ("阅读次数:2287") ends the credits; a publication after a role
 * ("作者：新京报") is the publication, not a person.
 */
export function parseByline(line: string): Credits {
  const c = data();
  const out: Credits = { names: [], roles: [], publication: null, editors: [], bylines: [] };
  let role: string | null = null;
  let roleWritten = '';
  const text = line.replace(c.spacedRole, (m) => m.replace(/[ \u3000]/gu, '')).replace(/^[□■●◎☆\s[【(（]+|[\]】)）\s]+$/gu, '');
  const setRole = (r: string, written: string) => {
    role = r;
    roleWritten = written;
    out.roles.push(r);
    const prefix = written.slice(0, written.length - r.length).replace(/^本报$/u, '');
    if (prefix && c.publication.test(prefix)) out.publication = prefix;
  };
  for (const tok of text.split(/[\s、，,|｜]+/u).filter(Boolean)) {
    const lv = /^([^:：]*)[:：](.*)$/u.exec(tok);
    const parts: [string, boolean][] = lv ? [[lv[1], true], [lv[2], false]] : [[tok, false]];
    for (const [part, isLabel] of parts) {
      if (!part) continue;
      const atEnd = c.roleAtEnd.exec(part);
      if (atEnd) { setRole(atEnd[1], part); continue; }
      if (isLabel) { role = null; continue; }
      let name = part;
      const atStart = c.roleAtStart.exec(part);
      if (atStart) { setRole(atStart[1], atStart[1]); name = part.slice(atStart[1].length); }
      if (!role) continue;
      if (c.publication.test(name)) { out.publication ??= name; continue; }
      if (c.notName.test(name) || !NAME.test(name)) continue;
      if (c.d.editorRoles.includes(role)) out.editors.push(name);
      else out.names.push(name);
      out.bylines.push({ name, role: roleWritten });
    }
  }
  return out;
}

/** The names of a credit with no role word ("（张三　李四）"), without picture and source notes. */
export function creditNames(inner: string): string[] {
  const c = data();
  const parts = inner.replace(/^[（(]\s*|\s*[)）]$/gu, '').split(/[\s\u3000、,，]+/u).filter(Boolean);
  return parts.every((n) => NAME.test(n) && !c.notName.test(n)) ? parts : [];
}

/**
 * Credits in brackets at the start of a paragraph (after its dateline) or at its end: "（记者钱伟）",
 * "(记 者:吴阳金 张志彬 见习记者 汪子妍)", "(谭林森)". Without a role word a bracket counts only at the
 * end of the text's last paragraph, where closing credits stand.
 */
export function bracketCredits(line: string, isLastParagraph: boolean): Credits | null {
  const c = data();
  const groups: string[] = [];
  const head = /^(?<before>[^（(]{0,30}?)[（(](?<inner>[^()（）]{2,40})[)）]/u.exec(line);
  if (head?.groups && (!head.groups.before.trim() || c.dateline.test(head.groups.before))) groups.push(head.groups.inner);
  const tail = /[（(]([^()（）]{2,40})[)）]\s*$/u.exec(line);
  if (tail && !groups.includes(tail[1])) groups.push(tail[1]);
  for (const g of groups) {
    const r = parseByline(g);
    if (r.names.length || r.editors.length) return r;
    const names = g === tail?.[1] && isLastParagraph ? creditNames(g) : [];
    if (names.length) return { names, roles: [], publication: null, editors: [], bylines: names.map((name) => ({ name, role: '' })) };
  }
  return null;
}

/**
 * The publication a dateline names: "新华社北京2月27日电" → 新华社, "晨报讯" → 晨报, "（澳门电台消息）" → 澳门电台,
 * "中国网5月13日讯" → 中国网. "本报讯" names none; "据……消息" quotes another outlet and is not a dateline.
 */
export function datelineSource(line: string): string | null {
  const c = data();
  const m = c.dateline.exec(line);
  if (!m?.groups?.src) return null;
  return c.notSource.has(m.groups.src) ? null : m.groups.src;
}
