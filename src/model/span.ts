/** Which string a span's offsets point into. */
export type Layer = 'original' | 'text';

/**
 * An annotation over a document: half-open [start, end) in UTF-16 code units of `layer`
 * (what String.prototype.slice uses), so `layerText.slice(start, end) === surface`.
 */
export interface Span {
  start: number;
  end: number;
  layer: Layer;
  label: string;
  /** Id of the stage that produced the span, e.g. `extract.mechanisms@1`. */
  by: string;
  attrs?: Record<string, unknown>;
}
