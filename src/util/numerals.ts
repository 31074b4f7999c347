/** Chinese and Arabic numerals to numbers: 一百零六 → 106, 两万 → 20000, 3.08亿 → 308000000, 百分之八十 → 80. */

// Simplified, Traditional and financial (大写) forms.
const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 俩: 2, 倆: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

export const CN_NUMERAL_CHARS = '零〇一壹二贰貳两兩俩倆三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億';

/** Parse a run of Chinese numeral characters (no Arabic digits); null when it is not a well-formed number. */
export function parseChineseInteger(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch === '零' || ch === '〇') {
      // 一百零六: 零 only marks a skipped place.
      if (digit !== null) return null;
    } else if (ch in DIGITS) {
      if (digit !== null) {
        // 三四十 (30-40) and 一二 lists are not single numbers.
        return null;
      }
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[ch];
      digit = null;
    } else if (ch in BIG_UNITS) {
      section += digit ?? 0;
      if (section === 0) section = 1;
      total = (total + section) * BIG_UNITS[ch];
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** Parse Arabic (with decimals), Chinese, or mixed (1.2万, 3.08亿, 2万) numbers. */
export function parseNumber(s: string): number | null {
  const t = s.replace(/,/gu, '');
  const mixed = /^(-?\d+(?:\.\d+)?)([万萬亿億千百十]*)$/u.exec(t);
  if (mixed) {
    let v = Number(mixed[1]);
    for (const u of mixed[2]) v *= BIG_UNITS[u] ?? SMALL_UNITS[u] ?? 1;
    return round(v);
  }
  const pct = /^百分之(.+)$/u.exec(t);
  if (pct) return parseNumber(pct[1]);
  const dec = /^(.+?)点(.+)$/u.exec(t);
  if (dec) {
    const whole = parseChineseInteger(dec[1]);
    const frac = [...dec[2]].map((ch) => DIGITS[ch]);
    if (whole === null || frac.some((x) => x === undefined)) return null;
    return whole + Number('0.' + frac.join(''));
  }
  return parseChineseInteger(t);
}

/** Round away float noise from scaling (3.08 * 1e8 = 308000000.00000006). */
function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** 七成 → 70 (%); 三四十 → [30, 40] style approximations are handled by the metrics grammar. */
export function parseCheng(s: string): number | null {
  const m = /^([一二三四五六七八九])成$/u.exec(s);
  return m ? DIGITS[m[1]] * 10 : null;
}
