import * as cheerio from 'cheerio';
import type { Meta } from '../../model/document.js';
import { CppccError } from '../../model/errors.js';
import { loadJson } from '../../util/data.js';
import { contentKind, failedItem, item, type ItemContext, type RawItem } from '../item.js';
import { cleanHeadline, dropEmpty, personList } from './fields.js';

interface FeedData { items: string; body: string[]; title: string[]; date: string[]; authors: string[]; url: string[]; channelSource: string[] }

/** A publisher's name from a channel field: "© 香港電台 RTHK" → 香港電台; "Rti 中央廣播電臺" → 中央廣播電臺. */
export function publisherName(s: string): string | null {
  const name = s
    .replace(/©|\(c\)|copyright|all\s+rights\s+reserved\.?|版权所有|版權所有|\b(19|20)\d{2}\b/giu, ' ')
    .split(/\s+/u)
    .filter((w) => /\p{Script=Han}/u.test(w))
    .join('');
  return /\p{Script=Han}{2}/u.test(name) ? name : null;
}

/**
 * RSS 2.0, RSS 1.0 and Atom, parsed as XML by cheerio (htmlparser2): one item per <item>/<entry>, the body
 * from the richest content element. The element names are data (pipelines/ingest/containers.json).
 * Entity declarations are refused before parsing, so an entity bomb is never expanded.
 */
export function readFeed(ctx: ItemContext, xml: string): RawItem[] {
  if (/<!ENTITY/iu.test(xml)) {
    return [failedItem(ctx, new CppccError('E031', { input: ctx.path, cause: 'it declares XML entities (<!ENTITY>), which are refused so that no entity is ever expanded' }))];
  }
  const d = loadJson<{ feed: FeedData }>('ingest', 'containers.json').feed;
  const $ = cheerio.load(xml, { xml: true });
  const entries = $(d.items).toArray();
  if (entries.length === 0) return [failedItem(ctx, new CppccError('E006', { input: ctx.path }))];
  const channel = $('channel, feed').first();
  let source: string | null = null;
  for (const sel of d.channelSource) {
    const v = channel.children(sel.split(' > ')[0]).first();
    const text = (sel.includes(' > ') ? v.find(sel.split(' > ')[1]).first() : v).text().trim();
    source = text ? publisherName(text) : null;
    if (source) break;
  }
  return entries.map((el, i) => {
    const e = $(el);
    const first = (names: string[]) => {
      for (const sel of names) {
        const parts = sel.split(' > ');
        const node = parts.length > 1 ? e.children(parts[0]).children(parts[1]).first() : e.children(sel).first();
        const v = node.text().trim() || (sel === 'link' ? node.attr('href')?.trim() : '') || '';
        if (v) return v;
      }
      return null;
    };
    const body = first(d.body);
    if (!body) return failedItem(ctx, new CppccError('E007', { input: `${ctx.path} item ${i}`, fields: d.body.map((b) => b.replace(/\\/gu, '')).join(', '), found: 'none of them in the item' }), i);
    const title = first(d.title);
    const meta: Partial<Meta> = {
      title: title ? cleanHeadline(title) : null,
      date: first(d.date),
      authors: personList(first(d.authors)),
      url: first(d.url),
    };
    // The channel's publisher is only a fallback for the source (see mainText): a dateline in the item names it better.
    const it = item(ctx, body, contentKind(body), dropEmpty(meta), i);
    if (source) it.source.publisher = source;
    return it;
  });
}
