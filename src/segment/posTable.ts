import { labelId, labelOf } from '../model/tokens.js';

/**
 * Part-of-speech of dictionary words, looked up once per token. A Map of jieba's 350,000 words costs
 * about a third of the native cut beside it (every lookup hashes a fresh string and misses the cache on
 * the key it compares); this open-addressing table keys on two 32-bit hashes of the word and holds only
 * typed arrays, so a lookup touches one slot and no string. Two distinct words share both hashes with a
 * probability near n²/2⁶⁴ (about 10⁻⁸ for the whole dictionary), which is why the word itself is not kept.
 */
export class PosTable {
  private readonly h1: Int32Array;
  private readonly h2: Int32Array;
  /** labelId of the word's tag (the id a token column holds). */
  private readonly tag: Uint16Array;
  private readonly mask: number;
  private used = 0;

  /** `capacity`: how many words will be added; the table keeps its load at or below one half. */
  constructor(capacity: number) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.h1 = new Int32Array(size);
    this.h2 = new Int32Array(size);
    this.tag = new Uint16Array(size);
    this.mask = size - 1;
  }

  /** Add or overwrite a word's tag (a later dictionary wins, as the user dictionary does in jieba). */
  set(word: string, tag: string): void {
    this.tag[this.slot(word, true)] = labelId(tag);
  }

  get(word: string): string | undefined {
    const id = this.idOf(word);
    return id < 0 ? undefined : labelOf(id);
  }

  /** The labelId of the word's tag, or -1 when the word was never added. */
  idOf(word: string): number {
    const s = this.slot(word, false);
    return s < 0 ? -1 : this.tag[s];
  }

  /** The slot holding `word`; when it is absent, -1, or with `claim` the empty slot it now owns. */
  private slot(word: string, claim: boolean): number {
    let a = 0x811c9dc5 | 0;
    let b = 0x9747b28c | 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // 0 marks an empty slot, so the first hash is never 0.
    a |= 1;
    let s = a & this.mask;
    while (this.h1[s] !== 0) {
      if (this.h1[s] === a && this.h2[s] === b) return s;
      s = (s + 1) & this.mask;
    }
    if (!claim) return -1;
    // A full table would never find an empty slot; the constructor sized it for the words it was told of.
    if (++this.used > this.mask / 2) throw new Error(`part-of-speech table holds more than the ${this.mask / 2 | 0} words it was sized for`);
    this.h1[s] = a;
    this.h2[s] = b;
    return s;
  }
}
