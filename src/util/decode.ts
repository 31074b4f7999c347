import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  encoding: string;
  /** How the encoding was chosen: bom, header (HTTP Content-Type), declared (meta/XML prolog), utf8-valid, detected. */
  by: 'bom' | 'header' | 'declared' | 'utf8-valid' | 'detected';
  /** Set when declared bytes did not decode cleanly and another charset was used. */
  warning?: string;
  /** Byte sequences no charset could read, each now U+FFFD: how many, and where the first is in `text`. */
  invalid?: { count: number; first: number };
}

export class BinaryContentError extends Error {}

/** Share of NUL/control bytes in the sniffed prefix above which a file is treated as binary (text never has NULs). */
const BINARY_CONTROL_SHARE = 0.02;
const SNIFF_BYTES = 8192;

const ALIASES: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', big5: 'big5', 'big5-hkscs': 'big5', utf8: 'utf-8' };

function canonical(name: string): string {
  const n = name.trim().toLowerCase();
  return ALIASES[n] ?? n;
}

/** The charset a page or feed declares in its first bytes (meta charset, http-equiv, XML prolog). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  return m ? canonical(m[1]) : null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || (b < 9) || (b > 13 && b < 32 && b !== 27)) bad++;
  }
  return n > 0 && bad / n > BINARY_CONTROL_SHARE;
}

/**
 * UTF-16 without a byte-order mark: the NUL bytes of its ASCII characters stand at odd positions (LE) or even
 * ones (BE). A text with this share of NULs, most on one side, is UTF-16; binary data has them anywhere. (A Han
 * character whose code ends in 00, 开 U+5F00, puts one on the other side: 0.8 allows one in five.)
 */
const UTF16_NUL_SHARE = 0.1;
const UTF16_SIDE_SHARE = 0.8;

function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 ? odd++ : even++);
  const nul = even + odd;
  if (n === 0 || nul / n < UTF16_NUL_SHARE) return null;
  if (odd / nul >= UTF16_SIDE_SHARE) return 'utf-16le';
  if (even / nul >= UTF16_SIDE_SHARE) return 'utf-16be';
  return null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Charsets tried when a declared CJK charset is contradicted by the bytes. */
const CJK_CHARSETS = ['gb18030', 'big5'];
/**
 * Largest share of kana, Greek, Cyrillic, box-drawing and private-use characters among non-ASCII ones for a
 * decoding to count as Chinese. Measured: 0.000 on the seeds and peer pages decoded right; 0.06 (GBK read as
 * Big5), 0.10 (UTF-8 read as GBK) and 0.54 (Big5 read as GBK) decoded wrong.
 */
const MISDECODED_SHARE = 0.02;
const NOT_CHINESE = /[\u3040-\u30ff\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\ue000-\uf8ff]/u;

export function misdecodedShare(text: string): number {
  let non = 0;
  let odd = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) continue;
    non++;
    if (NOT_CHINESE.test(ch)) odd++;
  }
  return non ? odd / non : 0;
}

/**
 * Share of invalid sequences among the non-ASCII characters of a lenient UTF-8 reading up to which the bytes
 * are UTF-8 with damage rather than another charset: GBK or Big5 read as UTF-8 breaks at nearly every Han
 * character (a share near 1); one bad byte in a UTF-8 sentence of 30 characters is 0.03. 0.2 keeps a
 * damaged line of five Han characters UTF-8 and sends any CJK text in another charset to the comparison.
 */
const UTF8_DAMAGE_MAX_SHARE = 0.2;

/**
 * A misread character against this many Han ones: a wrong charset turns each Han pair into one odd
 * character or U+FFFD, so a weight of 2 prefers the reading that keeps the Han even when a few bytes are bad.
 */
const MISREAD_WEIGHT = 2;

/** Count of U+FFFD in a decoding: a wrong charset leaves many. */
function replacementCount(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\uFFFD') n++;
  return n;
}

/**
 * Decode bytes by BOM, then declared charset, then strict UTF-8, then detection (GB18030, Big5...).
 * A declaration that the bytes contradict (a page declaring gb2312 whose bytes are UTF-8) loses to
 * the bytes, with a warning.
 */
export function decodeBytes(bytes: Uint8Array, headerCharset: string | null = null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', by: 'bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le', by: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be', by: 'bom' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16, by: 'detected' };
  // Valid UTF-8 with a few control characters (a stray \x01 in an export) is text; only bytes that are
  // neither UTF-8 nor free of controls are binary.
  if (looksBinary(bytes) && (bytes.includes(0) || strictUtf8(bytes) === null)) throw new BinaryContentError('control bytes in the first ' + SNIFF_BYTES + ' bytes');

  const utf8 = strictUtf8(bytes);
  // The HTTP header outranks the page's own declaration (WHATWG encoding sniffing); the BOM outranks both.
  const fromHeader = headerCharset ? canonical(headerCharset) : null;
  const declared = fromHeader && iconv.encodingExists(fromHeader) ? fromHeader : declaredCharset(bytes);
  const by = declared === fromHeader ? 'header' : 'declared';
  if (declared && declared !== 'utf-8' && iconv.encodingExists(declared)) {
    const text = iconv.decode(Buffer.from(bytes), declared);
    const bad = replacementCount(text);
    if (bad === 0 && misdecodedShare(text) <= MISDECODED_SHARE) return { text, encoding: declared, by };
    if (bad === 0) {
      // GB18030 maps nearly every byte pair, so Big5 bytes "decode" without errors into kana and private-use
      // characters: the declaration is wrong. The CJK charset whose decoding looks like Chinese wins.
      const best = CJK_CHARSETS.filter((c) => c !== declared).map((c) => ({ c, t: iconv.decode(Buffer.from(bytes), c) }))
        .map((x) => ({ ...x, share: misdecodedShare(x.t) + replacementCount(x.t) })).sort((a, b) => a.share - b.share)[0];
      if (best && best.share <= MISDECODED_SHARE) return { text: best.t, encoding: best.c, by: 'detected', warning: `declared ${declared} but the bytes are ${best.c}` };
      return { text, encoding: declared, by, warning: `the bytes do not read as Chinese in the declared ${declared}` };
    }
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8', by: 'utf8-valid', warning: `declared ${declared} but the bytes are UTF-8` };
    // Bytes that fit neither the declaration nor UTF-8: a detected charset that decodes them cleanly wins;
    // either way the warning becomes a quality flag, so the damage is never silent.
    const guess = canonical(chardet.detect(Buffer.from(bytes)) ?? declared);
    if (guess !== declared && iconv.encodingExists(guess)) {
      const other = iconv.decode(Buffer.from(bytes), guess);
      if (replacementCount(other) < bad) return { text: other, encoding: guess, by: 'detected', warning: `declared ${declared} but the bytes are ${guess}` };
    }
    return { text, encoding: declared, by, warning: `${bad} byte sequences do not fit the declared ${declared}` };
  }
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', by: declared === 'utf-8' ? by : 'utf8-valid' };
  // Not valid UTF-8 and nothing declared that fits. Bytes that are UTF-8 but for a few bad sequences are
  // UTF-8 (GBK or Big5 text read as UTF-8 breaks at nearly every Han character): one bad byte in a UTF-8
  // article must not turn it into windows-1252 with no Han left.
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = replacementCount(lenient);
  const nonAscii = [...lenient].filter((ch) => ch.charCodeAt(0) >= 128).length;
  if (bad / Math.max(1, nonAscii) <= UTF8_DAMAGE_MAX_SHARE && /\p{Script=Han}/u.test(lenient)) {
    return { text: lenient, encoding: 'utf-8', by: 'detected', warning: `${bad} byte sequences are not UTF-8 (replaced by U+FFFD)`, invalid: { count: bad, first: lenient.indexOf('\uFFFD') } };
  }
  // Otherwise, of the CJK charsets and the detector's guess, the reading that looks most like Chinese wins.
  const guess = canonical(chardet.detect(Buffer.from(bytes)) ?? 'gb18030');
  const best = [...new Set([...CJK_CHARSETS, guess])].filter((c) => iconv.encodingExists(c))
    .map((c) => ({ c, t: iconv.decode(Buffer.from(bytes), c) }))
    .map((x) => ({ ...x, score: chineseScore(x.t) }))
    .reduce((a, b) => (b.score > a.score ? b : a));
  const left = replacementCount(best.t);
  const warning = declared === 'utf-8' ? `declared utf-8 but the bytes are ${best.c}` : left ? `${left} byte sequences do not fit ${best.c} (replaced by U+FFFD)` : undefined;
  return { text: best.t, encoding: best.c, by: 'detected', warning, ...(left ? { invalid: { count: left, first: best.t.indexOf('\uFFFD') } } : {}) };
}

/**
 * How Chinese a decoding reads: Han characters count for it, characters a wrong charset produces (kana,
 * box drawing, private use) and replacement characters against it. A reading with a few U+FFFD and all its
 * Han beats one with no U+FFFD and no Han.
 */
function chineseScore(text: string): number {
  let han = 0;
  let odd = 0;
  for (const ch of text) {
    if (ch === '\uFFFD' || NOT_CHINESE.test(ch)) odd++;
    else if (/\p{Script=Han}/u.test(ch)) han++;
  }
  return han - MISREAD_WEIGHT * odd;
}
