import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ReadabilityResult {
  /** The article as HTML (Readability's cleaned content). */
  html: string;
  /** Length of the article's text, spaces excluded. */
  chars: number;
  byline: string | null;
  publishedTime: string | null;
}

/**
 * Mozilla's Readability on a linkedom DOM (no browser, no jsdom). Returns null when Readability finds no
 * article or one shorter than `charThreshold`: its own signal that it gave up or guessed.
 */
export function readArticle(html: string, charThreshold: number): ReadabilityResult | null {
  const { document } = parseHTML(html);
  let article;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold }).parse();
  } catch {
    // Readability throws on some malformed DOMs; the next step of the cascade takes over.
    return null;
  }
  if (!article?.content) return null;
  const chars = (article.textContent ?? '').replace(/\s+/gu, '').length;
  if (chars < charThreshold) return null;
  return { html: article.content, chars, byline: article.byline ?? null, publishedTime: article.publishedTime ?? null };
}
