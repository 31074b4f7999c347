import type { Document, Meta } from '../model/document.js';
import { CppccError } from '../model/errors.js';
import { OffsetMap } from '../model/offsetMap.js';
import type { Stage } from '../model/stage.js';
import { convertString, detectScript, type ScriptVariant } from '../normalize/script.js';
import { parseAnyDate } from './dates.js';
import { fragmentText } from './fragment.js';
import { extractHtml } from './html.js';
import { mainTextFromLines } from './lines.js';
import { markdownText } from './markdown.js';

/** Merge metadata: values found on the page fill what the container (feed, export) did not give. */
function merge(container: Partial<Meta>, page: Partial<Meta>): Partial<Meta> {
  const out: Partial<Meta> = { ...page };
  for (const [k, v] of Object.entries(container)) {
    if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The page text the line cleaner reads, by what the raw item holds (see ContentKind). */
function pageOf(doc: Document): { page: string; htmlMeta: Partial<Meta>; how: string; article: boolean; teaser: boolean } {
  switch (doc.source.content) {
    case 'page': {
      // Only a whole page goes through the cascade (profile → Readability → density → longest block).
      const h = extractHtml(doc.raw, { url: doc.meta.url });
      return { page: h.pageText, htmlMeta: h.meta, how: h.how, article: h.step === 'readability' || h.step === 'profile', teaser: false };
    }
    case 'fragment': {
      const f = fragmentText(doc.raw);
      return { page: f.text, htmlMeta: {}, how: 'fragment', article: true, teaser: f.teaser };
    }
    case 'markdown':
      return { page: markdownText(doc.raw), htmlMeta: {}, how: 'markdown', article: true, teaser: false };
    case 'text':
      return { page: doc.raw, htmlMeta: {}, how: 'text', article: false, teaser: false };
  }
}

/** Metadata strings in Simplified (as the gold and the line cleaner's keys are), whoever gave them. */
function simplified(meta: Partial<Meta>, variant: ScriptVariant): Partial<Meta> {
  if (!variant) return meta;
  const conv = (v: string | null | undefined) => (v ? convertString(v, variant) : v);
  const out: Partial<Meta> = { ...meta };
  for (const k of ['title', 'subtitle', 'source'] as const) if (out[k]) out[k] = conv(out[k]);
  if (out.authors) out.authors = out.authors.map((a) => convertString(a, variant));
  if (out.editors) out.editors = out.editors.map((a) => convertString(a, variant));
  return out;
}

export const mainTextStage: Stage = {
  id: 'mainText.lines@1',
  requires: ['raw'],
  provides: ['original', 'meta'],
  run(doc: Document): Document {
    const { page, htmlMeta: markup, how, article, teaser } = pageOf(doc);
    const variant = detectScript(page).variant;
    const htmlMeta = simplified(markup, variant);
    // Only what the container itself set (not makeDocument defaults) overrides the page.
    const given = simplified(pickGiven(doc.meta), variant);
    const r = mainTextFromLines(page, { ...htmlMeta, ...(given.title ? { title: given.title } : {}) }, article);
    const fromPage = { ...r.meta };
    for (const [k, v] of Object.entries(htmlMeta)) {
      const cur = (fromPage as Record<string, unknown>)[k];
      // The page's markup knows its title and date better than a line guess; bylines and 来源 lines
      // know authors and source better than meta tags (which often name the site).
      const markupWins = k === 'title' || k === 'date';
      if (v && (markupWins || !cur || (Array.isArray(cur) && cur.length === 0))) (fromPage as Record<string, unknown>)[k] = v;
    }
    // A meta tag's author whom the visible page credits as editor is the editor (CMS templates fill the tag with the desk editor).
    if (!given.authors && markup.authors?.length && r.meta.editors?.length && !r.meta.authors?.length) {
      fromPage.authors = (fromPage.authors ?? []).filter((a) => !r.meta.editors!.includes(a));
    }
    doc.meta = { ...doc.meta, ...merge(given, fromPage) };
    // A feed's channel names the publisher of all its items: the source only when neither the item nor its text names one.
    if (!doc.meta.source && doc.source.publisher) doc.meta.source = variant ? convertString(doc.source.publisher, variant) : doc.source.publisher;
    doc.meta.date = parseAnyDate(doc.meta.date) ?? null;
    doc.original = r.body;
    doc.text = r.body;
    doc.textToOriginal = OffsetMap.identity(r.body.length);
    if (r.paywalled) doc.flags.push({ ruleId: 'truncated.paywall', by: this.id, severity: 'warning', reason: 'the page shows a preview: paywall or "read more" text follows the body' });
    if (teaser) doc.flags.push({ ruleId: 'truncated.teaser', by: this.id, severity: 'warning', reason: 'the item is a teaser: a read-more link ends it' });
    if (!r.body.trim()) {
      doc.flags.push({ ruleId: 'body.empty', by: this.id, severity: 'fatal', reason: new CppccError('E035', { input: doc.source.file, how: `${how}/${r.how}` }).message });
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
