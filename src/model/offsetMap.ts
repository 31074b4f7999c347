/**
 * A monotone map from offsets in a derived string (`text`) to offsets in its source (`original`).
 *
 * Built by an {@link EditBuilder} that appends pieces of output, each tied to the source range it came
 * from. Inside a piece of equal length the map is 1:1; inside a piece whose length changed (a phrase
 * rule, a deletion) every inner offset maps to the piece's source start, and the piece end maps to the
 * source end, so the map stays total and monotone and `map(start)..map(end)` always covers the source
 * slice that produced `text.slice(start, end)`.
 */
export class OffsetMap {
  /** `points[i]` = source offset of derived offset i, for i in 0..length (inclusive). */
  private constructor(private readonly points: Int32Array) {}

  static identity(length: number): OffsetMap {
    const p = new Int32Array(length + 1);
    for (let i = 0; i <= length; i++) p[i] = i;
    return new OffsetMap(p);
  }

  static fromPoints(points: ArrayLike<number>): OffsetMap {
    return new OffsetMap(Int32Array.from(points));
  }

  get length(): number {
    return this.points.length - 1;
  }

  /** Source offset for a derived offset (0..length). */
  map(offset: number): number {
    if (offset < 0 || offset > this.length || !Number.isInteger(offset)) {
      throw new RangeError(`offset ${offset} outside 0..${this.length}`);
    }
    return this.points[offset];
  }

  /** Map a half-open derived range to the source range that produced it. */
  mapRange(start: number, end: number): [number, number] {
    return [this.map(start), end === start ? this.map(start) : this.mapEnd(end)];
  }

  /** End offsets map to the end of the source piece, so a deleted gloss right after a span is excluded. */
  private mapEnd(end: number): number {
    return this.points[end];
  }

  /** Compose: this maps A→B, `inner` maps B→C; the result maps A→C. */
  then(inner: OffsetMap): OffsetMap {
    const out = new Int32Array(this.points.length);
    for (let i = 0; i < this.points.length; i++) out[i] = inner.map(this.points[i]);
    return new OffsetMap(out);
  }

  toArray(): number[] {
    return Array.from(this.points);
  }
}

/** Builds a derived string piece by piece while recording where each piece came from. */
export class EditBuilder {
  private out = '';
  private points: number[] = [];

  constructor(private readonly source: string) {}

  /** Copy `source[from, to)` unchanged (1:1 map). */
  keep(from: number, to: number): void {
    for (let i = from; i < to; i++) this.points.push(i);
    this.out += this.source.slice(from, to);
  }

  /** Replace `source[from, to)` with `replacement` (which may be shorter, longer or empty). */
  replace(from: number, to: number, replacement: string): void {
    if (replacement.length === to - from) {
      for (let i = from; i < to; i++) this.points.push(i);
    } else {
      for (let i = 0; i < replacement.length; i++) this.points.push(from);
    }
    this.out += replacement;
  }

  /** Finish; `sourceEnd` is where the last piece ended in the source (normally source.length). */
  finish(sourceEnd = this.source.length): { text: string; map: OffsetMap } {
    return { text: this.out, map: OffsetMap.fromPoints([...this.points, sourceEnd]) };
  }
}
