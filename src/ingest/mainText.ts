import type { Document, Meta } from '../model/document.js';
import { OffsetMap } from '../model/offsetMap.js';
import type { Stage } from '../pipeline/stage.js';
import { convertString, detectScript } from '../normalize/script.js';
import { parseAnyDate } from './dates.js';
import { extractHtml } from './html.js';
import { mainTextFromLines } from './lines.js';

/** Merge metadata: values found on the page fill what the container (feed, export) did not give. */
function merge(container: Partial<Meta>, page: Partial<Meta>): Partial<Meta> {
  const out: Partial<Meta> = { ...page };
  for (const [k, v] of Object.entries(container)) {
    if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export const mainTextStage: Stage = {
  id: 'mainText.lines@1',
  requires: ['raw'],
  provides: ['original', 'meta'],
  run(doc: Document): Document {
    const container = { ...doc.meta };
    let page = doc.raw;
    let htmlMeta: Partial<Meta> = {};
    let how = 'text';
    let article = false;
    if (doc.source.format === 'html' || doc.source.format === 'feed' || /^\s*<(!doctype|html|p|div)\b/i.test(doc.raw)) {
      const h = extractHtml(doc.raw, { url: doc.meta.url });
      page = h.pageText;
      htmlMeta = h.meta;
      how = h.how;
      article = h.step === 'readability' || h.step === 'profile';
    }
    // Metadata is kept in Simplified (as the gold and the line cleaner's keys are): the markup's title of a
    // Traditional page is converted like every other field.
    if (how !== 'text') {
      const variant = detectScript(page).variant;
      const conv = (v: string | null | undefined) => (v ? convertString(v, variant) : v);
      htmlMeta = { ...htmlMeta, title: conv(htmlMeta.title), subtitle: conv(htmlMeta.subtitle), source: conv(htmlMeta.source) };
      if (htmlMeta.authors) htmlMeta.authors = htmlMeta.authors.map((a) => convertString(a, variant));
      if (htmlMeta.editors) htmlMeta.editors = htmlMeta.editors.map((a) => convertString(a, variant));
      for (const k of ['title', 'subtitle', 'source'] as const) if (htmlMeta[k] === undefined) delete htmlMeta[k];
    }
    const r = mainTextFromLines(page, htmlMeta, article);
    const fromPage = { ...r.meta };
    for (const [k, v] of Object.entries(htmlMeta)) {
      const cur = (fromPage as Record<string, unknown>)[k];
      // The page's markup knows its title and date better than a line guess; bylines and 来源 lines
      // know authors and source better than meta tags (which often name the site).
      const markupWins = k === 'title' || k === 'date';
      if (v && (markupWins || !cur || (Array.isArray(cur) && cur.length === 0))) (fromPage as Record<string, unknown>)[k] = v;
    }
    // Only what the container itself set (not makeDocument defaults) overrides the page.
    const given: Partial<Meta> = doc.source.format === 'txt' || doc.source.format === 'html' ? {} : pickGiven(container);
    doc.meta = { ...doc.meta, ...merge(given, fromPage) };
    doc.meta.date = parseAnyDate(doc.meta.date) ?? null;
    doc.original = r.body;
    doc.text = r.body;
    doc.textToOriginal = OffsetMap.identity(r.body.length);
    if (r.paywalled) doc.flags.push({ ruleId: 'truncated.paywall', by: this.id, severity: 'warning', reason: 'the page shows a preview: paywall or "read more" text follows the body' });
    if (!r.body.trim()) {
      doc.flags.push({ ruleId: 'body.empty', by: this.id, severity: 'fatal', reason: 'no main text found on the page' });
    }
    doc.trace.push({ stage: this.id, ms: 0, note: `${how}/${r.how}` });
    return doc;
  },
};

function pickGiven(m: Meta): Partial<Meta> {
  const out: Partial<Meta> = {};
  for (const k of ['title', 'subtitle', 'date', 'source', 'authors', 'editors', 'url'] as const) {
    const v = m[k];
    if (v !== null && !(Array.isArray(v) && v.length === 0)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
