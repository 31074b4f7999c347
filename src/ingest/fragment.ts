import * as cheerio from 'cheerio';
import { loadJson } from '../util/data.js';
import { maxCascadeDepth, nestingDepth } from './html.js';
import { articleText } from './htmlText.js';
import { tagStrippedText } from './tagText.js';

interface FragmentData { drop: string; readMore: string }

let compiled: { drop: string; readMore: RegExp } | null = null;
function data() {
  if (compiled) return compiled;
  const d = loadJson<{ fragment: FragmentData }>('ingest', 'containers.json').fragment;
  return (compiled = { drop: d.drop, readMore: new RegExp(d.readMore, 'iu') });
}

export interface FragmentText {
  /** Every block of the fragment in order, one line each. */
  text: string;
  /** A read-more link ended the fragment: the item is a teaser of a longer article. */
  teaser: boolean;
}

/**
 * The text of an HTML fragment from a container field: the whole fragment is the article, so every block
 * is kept in order (p, div, br, li and headings as line breaks); media, scripts and forms are dropped, and
 * so are captions (a figure's caption and an image's alt text describe a picture). No main-text cascade:
 * choosing one block of a fragment would drop the rest of the article.
 */
export function fragmentText(html: string): FragmentText {
  const d = data();
  // Too deep for a DOM: the same linear tag stripping as for such pages (no teaser link can be told apart there).
  if (nestingDepth(html) > maxCascadeDepth()) return { text: tagStrippedText(html), teaser: false };
  // htmlparser2, not parse5: a fragment is not a document to repair, and parse5 is quadratic in nesting depth
  // (a 20,000-deep fragment takes seconds there, a quarter second here).
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } }, false);
  $(d.drop).remove();
  let teaser = false;
  $('a').each((_, el) => {
    if (d.readMore.test($(el).text())) { teaser = true; $(el).remove(); }
  });
  return { text: articleText($, $.root().get(0)!), teaser };
}
