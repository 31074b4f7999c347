/**
 * A monotone map from offsets in a derived string (`text`) to offsets in its source (`original`).
 *
 * Built by an {@link EditBuilder} that appends pieces of output, each tied to the source range it came
 * from. Each derived character has a source start and a source end: 1:1 inside a piece of equal length;
 * inside a piece whose length changed (a phrase rule) every character spans the whole piece. A span
 * [start, end) maps to [source start of its first character, source end of its last], so a deleted gloss
 * right after a span (協(xié)) is left out, and the map stays total and monotone.
 */
export class OffsetMap {
  /**
   * `starts[i]` = source start of derived character i, for i < length; `starts[length]` = source end.
   * `ends[i]` = source end of derived character i.
   */
  private constructor(private readonly starts: Int32Array, private readonly ends: Int32Array) {}

  static identity(length: number): OffsetMap {
    const s = new Int32Array(length + 1);
    const e = new Int32Array(length);
    for (let i = 0; i <= length; i++) s[i] = i;
    for (let i = 0; i < length; i++) e[i] = i + 1;
    return new OffsetMap(s, e);
  }

  /** From start points (length + 1); ends default to the next start (no deletions between characters). */
  static fromPoints(starts: ArrayLike<number>, ends?: ArrayLike<number>): OffsetMap {
    const s = Int32Array.from(starts);
    const e = ends ? Int32Array.from(ends) : s.slice(1);
    return new OffsetMap(s, e);
  }

  /** A map rebuilt from its structured clone (a worker thread's result keeps the arrays, not the class). */
  static revive(plain: unknown): OffsetMap {
    const o = plain as { starts: Int32Array; ends: Int32Array };
    return new OffsetMap(Int32Array.from(o.starts), Int32Array.from(o.ends));
  }

  get length(): number {
    return this.starts.length - 1;
  }

  private check(offset: number): void {
    if (offset < 0 || offset > this.length || !Number.isInteger(offset)) {
      throw new RangeError(`offset ${offset} outside 0..${this.length}`);
    }
  }

  /** Source offset where derived offset `offset` starts (0..length). */
  map(offset: number): number {
    this.check(offset);
    return this.starts[offset];
  }

  /** Source offset where the derived character before `offset` ends. */
  mapEnd(offset: number): number {
    this.check(offset);
    return offset === 0 ? this.starts[0] : this.ends[offset - 1];
  }

  /** Map a half-open derived range to the source range that produced it. */
  mapRange(start: number, end: number): [number, number] {
    const s = this.map(start);
    return [s, end === start ? s : this.mapEnd(end)];
  }

  /** Compose: this maps A→B, `inner` maps B→C; the result maps A→C. */
  then(inner: OffsetMap): OffsetMap {
    const s = new Int32Array(this.starts.length);
    const e = new Int32Array(this.ends.length);
    for (let i = 0; i < s.length; i++) s[i] = inner.map(this.starts[i]);
    for (let i = 0; i < e.length; i++) e[i] = inner.mapEnd(this.ends[i]);
    return new OffsetMap(s, e);
  }

  /** Start points (length + 1 values). */
  toArray(): number[] {
    return Array.from(this.starts);
  }

  /** End points (length values). */
  endsArray(): number[] {
    return Array.from(this.ends);
  }
}

/** Builds a derived string piece by piece while recording where each piece came from. */
export class EditBuilder {
  private out = '';
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(private readonly source: string) {}

  /** Copy `source[from, to)` unchanged (1:1 map). */
  keep(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.starts.push(i);
      this.ends.push(i + 1);
    }
    this.out += this.source.slice(from, to);
  }

  /** Replace `source[from, to)` with `replacement` (which may be shorter, longer or empty). */
  replace(from: number, to: number, replacement: string): void {
    const same = replacement.length === to - from;
    for (let i = 0; i < replacement.length; i++) {
      this.starts.push(same ? from + i : from);
      this.ends.push(same ? from + i + 1 : to);
    }
    this.out += replacement;
  }

  /** Finish; `sourceEnd` is where the last piece ended in the source (normally source.length). */
  finish(sourceEnd = this.source.length): { text: string; map: OffsetMap } {
    return { text: this.out, map: OffsetMap.fromPoints([...this.starts, sourceEnd], this.ends) };
  }
}
