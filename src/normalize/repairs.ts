import { EditBuilder, type OffsetMap } from '../model/offsetMap.js';

/** A pinyin syllable, optionally with tone marks (ü also written v). */
const PINYIN_SYLLABLE = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,4}(ng|n|r)?$/u;
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u;
const GLOSS = /(\p{Script=Han})([(（])([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})([)）])/gu;
/**
 * A toneless "(li)" after a character is only a gloss when the text glosses systematically: with fewer
 * than this many tone-marked glosses, toneless ones are left alone (a writer's one-off "(Li)" stays).
 * 3 = the smallest count at which a repeated pattern is more likely than coincidence in a page.
 */
const MIN_GLOSSES_FOR_TONELESS = 3;

/** Compatibility forms of signs, folded when they stand between digits. */
const SIGNS_BETWEEN_DIGITS: Record<string, string> = { '．': '.', '﹢': '+', '﹥': '>', '＞': '>', '﹤': '<', '＜': '<', '﹦': '=', '＝': '=', '﹣': '-', '－': '-' };

/** Marks that a damaged export doubles (",,", ",;", ",、", "。,"); a run of two or more keeps the last. */
const DOUBLED_PUNCT = /[,，、;；。：:]{2,}/gu;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/u;
/** HTML entities left in text by a careless export (&nbsp; &amp; &#12290; &#x3002;). */
const ENTITY = /&(nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|middot|hellip|mdash|#\d{1,7}|#x[0-9a-f]{1,6});/giu;
const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', hellip: '…', mdash: '—' };

function decodeEntity(name: string): string {
  const n = name.toLowerCase();
  if (n.startsWith('#x')) return String.fromCodePoint(parseInt(n.slice(2), 16));
  if (n.startsWith('#')) return String.fromCodePoint(Number(n.slice(1)));
  return NAMED[n] ?? '';
}

export interface RepairReport {
  glosses: { start: number; end: number; surface: string }[];
  doubled: { start: number; end: number; surface: string }[];
  entities: number;
  widthFolded: number;
  invisible: number;
}

/** Full-width digits, Latin letters, ＋ and ％ fold to ASCII (1:1, so offsets do not move). */
function foldWidth(ch: string): string | null {
  const c = ch.charCodeAt(0);
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || c === 0xff0b || c === 0xff05) {
    return String.fromCharCode(c - 0xfee0);
  }
  return null;
}

/**
 * Repair damage that can be undone, in one pass over `src`: inline pinyin glosses removed, doubled
 * punctuation collapsed, full-width alphanumerics folded, zero-width characters and NBSP cleaned.
 * Returns the repaired string, its map back to `src`, and what was repaired (offsets into `src`).
 */
export function repair(src: string): { text: string; map: OffsetMap; report: RepairReport } {
  const report: RepairReport = { glosses: [], doubled: [], entities: 0, widthFolded: 0, invisible: 0 };
  // Deletions as [start, end, replacement] over src, collected first, applied in order.
  const edits: [number, number, string][] = [];
  const candidates: { start: number; end: number; surface: string; toned: boolean }[] = [];
  for (const m of src.matchAll(GLOSS)) {
    const syl = m[3];
    if (!PINYIN_SYLLABLE.test(syl.replace(/v/g, 'ü'))) continue;
    const start = m.index! + m[1].length;
    candidates.push({ start, end: start + m[2].length + syl.length + m[4].length, surface: m[0].slice(m[1].length), toned: TONE_MARK.test(syl) });
  }
  const toned = candidates.filter((c) => c.toned).length;
  for (const c of candidates) {
    if (c.toned || toned >= MIN_GLOSSES_FOR_TONELESS) {
      edits.push([c.start, c.end, '']);
      report.glosses.push({ start: c.start, end: c.end, surface: c.surface });
    }
  }
  for (const m of src.matchAll(DOUBLED_PUNCT)) {
    const start = m.index!;
    const end = start + m[0].length;
    edits.push([start, end - 1, '']);
    report.doubled.push({ start, end, surface: m[0] });
  }
  for (const m of src.matchAll(ENTITY)) {
    const cp = m[1].startsWith('#') ? Number(m[1].toLowerCase().startsWith('#x') ? parseInt(m[1].slice(2), 16) : m[1].slice(1)) : 0;
    if (cp > 0x10ffff) continue;
    edits.push([m.index!, m.index! + m[0].length, decodeEntity(m[1])]);
    report.entities++;
  }
  edits.sort((a, b) => a[0] - b[0]);

  const b = new EditBuilder(src);
  let pos = 0;
  let e = 0;
  while (pos < src.length) {
    while (e < edits.length && edits[e][1] <= pos && edits[e][0] < pos) e++;
    if (e < edits.length && edits[e][0] === pos) {
      const [s, t, r] = edits[e++];
      if (t > s) {
        b.replace(s, t, r);
        pos = t;
        continue;
      }
    }
    const ch = src[pos];
    // Between digits, a full-width point is a decimal point (１．０７５３) and small or full-width
    // signs are the ASCII ones (1+1﹥2 → 1+1>2), so labels and queries written either way match.
    const betweenDigits = /[0-9０-９]/u.test(src[pos - 1] ?? '') && /[0-9０-９]/u.test(src[pos + 1] ?? '');
    const folded = betweenDigits && ch in SIGNS_BETWEEN_DIGITS ? SIGNS_BETWEEN_DIGITS[ch] : foldWidth(ch);
    if (folded) {
      b.replace(pos, pos + 1, folded);
      report.widthFolded++;
    } else if (ZERO_WIDTH.test(ch)) {
      b.replace(pos, pos + 1, '');
      report.invisible++;
    } else if (ch === '\u00a0') {
      b.replace(pos, pos + 1, ' ');
    } else {
      b.keep(pos, pos + 1);
    }
    pos++;
  }
  const { text, map } = b.finish();
  return { text, map, report };
}
