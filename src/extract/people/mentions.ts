import type { Span } from '../../model/span.js';
import { sentenceAt } from '../sentences.js';
import type { Person } from '../../model/results.js';
import type { NameAt } from './names.js';
import type { TitleChain } from './titles.js';

/** One place a person is named, with what that place says about them. */
export interface Mention extends NameAt {
  titles: string[];
  org: string | null;
  role: Person['role'];
  /** The title chain written before the name, when there is one. */
  chain: TitleChain | null;
  sentence: Span | null;
}

/** The mentions found so far in a document, in the order the rules found them. */
export class Mentions {
  readonly all: Mention[] = [];
  private readonly starts = new Set<number>();
  private readonly bySentence = new Map<Span | null, Mention[]>();

  constructor(private readonly sentences: Span[]) {}

  add(n: NameAt, titles: string[], org: string | null, role: Person['role'], chain: TitleChain | null = null): Mention {
    const m: Mention = { ...n, titles, org, role, chain, sentence: sentenceAt(this.sentences, n.start) };
    this.starts.add(n.start);
    this.all.push(m);
    const same = this.bySentence.get(m.sentence);
    if (same) same.push(m);
    else this.bySentence.set(m.sentence, [m]);
    return m;
  }

  /** The mentions found so far in one sentence. */
  inSentence(sentence: Span | null): readonly Mention[] {
    return this.bySentence.get(sentence) ?? [];
  }

  /** A name already starts at this offset (a later rule must not claim it again). */
  readonly taken = (start: number): boolean => this.starts.has(start);
}
