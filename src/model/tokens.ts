import type { Span } from './span.js';

/**
 * Part-of-speech tags and the ids of the stages that made tokens, interned once per process: a token
 * column holds the small number, not the string.
 */
const labels: string[] = [];
const labelIds = new Map<string, number>();

/** The id of a tag or stage id (assigned on first use; ids fit a Uint16Array column). */
export function labelId(label: string): number {
  let id = labelIds.get(label);
  if (id === undefined) {
    id = labels.length;
    if (id > 0xffff) throw new Error(`more than 65,536 token labels (at ${label})`);
    labels.push(label);
    labelIds.set(label, id);
  }
  return id;
}

export function labelOf(id: number): string {
  return labels[id];
}

/**
 * A document's coarse tokens as columns (start, end, part of speech, maker), ordered by start and
 * disjoint. One JS object per token cost the segmenter as much again as the native cut beside it (the
 * allocation site is pretenured once documents keep their tokens, so every token went to the old
 * generation); four typed arrays per document cost a few allocations, clone as memory copies between
 * threads and keep the heap small. Offsets are UTF-16 code units of `doc.text`, as in every Span.
 */
export class Tokens {
  static readonly empty = new Tokens(new Int32Array(0), new Int32Array(0), new Uint16Array(0), new Uint16Array(0));

  constructor(
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    /** labelId of each token's part of speech. */
    readonly posIds: Uint16Array,
    /** labelId of the stage that made each token. */
    readonly byIds: Uint16Array,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  start(i: number): number {
    return this.starts[i];
  }

  end(i: number): number {
    return this.ends[i];
  }

  pos(i: number): string {
    return labels[this.posIds[i]];
  }

  by(i: number): string {
    return labels[this.byIds[i]];
  }

  surface(text: string, i: number): string {
    return text.slice(this.starts[i], this.ends[i]);
  }

  /** Every token's surface, in order. */
  words(text: string): string[] {
    const out: string[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = text.slice(this.starts[i], this.ends[i]);
    return out;
  }

  /** The first token whose end is after `offset` (the token at or after it), or length when none is. */
  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the token that starts at `offset`, or -1. */
  startingAt(offset: number): number {
    const i = this.firstEndingAfter(offset);
    return i < this.length && this.starts[i] === offset ? i : -1;
  }

  /** Index of the token that ends at `offset`, or -1. */
  endingAt(offset: number): number {
    const i = this.firstEndingAfter(offset - 1);
    return i < this.length && this.ends[i] === offset ? i : -1;
  }

  /** Index of the token that starts before `offset` and ends after it (offset falls inside it), or -1. */
  covering(offset: number): number {
    const i = this.firstEndingAfter(offset);
    return i < this.length && this.starts[i] < offset ? i : -1;
  }

  /** Indexes [from, to) of the tokens that overlap [start, end). */
  overlapping(start: number, end: number): [number, number] {
    const from = this.firstEndingAfter(start);
    let to = from;
    while (to < this.length && this.starts[to] < end) to++;
    return [from, to];
  }

  /** Token i as a Span (for callers that hand tokens on with other annotations). */
  span(i: number): Span {
    return { start: this.starts[i], end: this.ends[i], layer: 'text', label: 'token', by: this.by(i), attrs: { pos: this.pos(i) } };
  }

  spans(): Span[] {
    const out: Span[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.span(i);
    return out;
  }

  /** Same boundaries and tags (the maker is not compared). */
  sameAs(other: Tokens): boolean {
    if (other.length !== this.length) return false;
    for (let i = 0; i < this.length; i++) {
      if (other.starts[i] !== this.starts[i] || other.ends[i] !== this.ends[i] || other.posIds[i] !== this.posIds[i]) return false;
    }
    return true;
  }
}

/** Tokens appended in text order; grows by doubling, trimmed to size by finish(). */
export class TokenBuilder {
  private starts: Int32Array;
  private ends: Int32Array;
  private posIds: Uint16Array;
  private byIds: Uint16Array;
  private n = 0;
  private last = 0;

  /** `expected`: a guess at the token count (a Chinese token averages about 1.6 characters). */
  constructor(expected: number) {
    const cap = Math.max(16, expected | 0);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
    this.posIds = new Uint16Array(cap);
    this.byIds = new Uint16Array(cap);
  }

  push(start: number, end: number, posId: number, byId: number): void {
    // Columns are searched by binary search: order and disjointness are what make that valid.
    if (start < this.last || end <= start) throw new Error(`token [${start}, ${end}) out of order or empty after offset ${this.last}`);
    if (this.n === this.starts.length) this.grow();
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.posIds[this.n] = posId;
    this.byIds[this.n] = byId;
    this.n++;
    this.last = end;
  }

  /** Copy token i of `from` unchanged. */
  copy(from: Tokens, i: number): void {
    this.push(from.starts[i], from.ends[i], from.posIds[i], from.byIds[i]);
  }

  finish(): Tokens {
    const n = this.n;
    return new Tokens(this.starts.slice(0, n), this.ends.slice(0, n), this.posIds.slice(0, n), this.byIds.slice(0, n));
  }

  private grow(): void {
    const cap = this.starts.length * 2;
    const widen = <T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.starts = widen(this.starts, (k) => new Int32Array(k));
    this.ends = widen(this.ends, (k) => new Int32Array(k));
    this.posIds = widen(this.posIds, (k) => new Uint16Array(k));
    this.byIds = widen(this.byIds, (k) => new Uint16Array(k));
  }
}

/** Tokens from plain columns (stored rows, transferred documents), checked for order as they are added. */
export function tokensFrom(starts: ArrayLike<number>, ends: ArrayLike<number>, pos: ArrayLike<string>, by: string | ArrayLike<string>): Tokens {
  const b = new TokenBuilder(starts.length);
  const oneBy = typeof by === 'string' ? labelId(by) : -1;
  for (let i = 0; i < starts.length; i++) b.push(starts[i], ends[i], labelId(pos[i]), oneBy >= 0 ? oneBy : labelId((by as ArrayLike<string>)[i]));
  return b.finish();
}

/** Tokens as plain columns with the sender's label table, for structured clone between threads. */
export interface TokenColumns {
  starts: Int32Array;
  ends: Int32Array;
  posIds: Uint16Array;
  byIds: Uint16Array;
  labels: string[];
}

export function toColumns(t: Tokens): TokenColumns {
  return { starts: t.starts, ends: t.ends, posIds: t.posIds, byIds: t.byIds, labels: labels.slice() };
}

/** Tokens again, with label ids mapped from the sender's table to this process's. */
export function fromColumns(c: TokenColumns): Tokens {
  const remap = c.labels.map(labelId);
  return new Tokens(c.starts, c.ends, c.posIds.map((id) => remap[id]), c.byIds.map((id) => remap[id]));
}
