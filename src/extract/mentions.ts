import type { Document } from '../model/document.js';
import type { OrgMention } from '../model/results.js';

/** The org mentions the orgs stage found, in text order. */
export function orgMentions(doc: Document): OrgMention[] {
  return (doc.spans.orgs ?? []).map((s) => s.attrs as unknown as OrgMention);
}

/** The mention holding offset `at` in mentions sorted by start, or null (binary search). */
export function mentionCovering(mentions: OrgMention[], at: number): OrgMention | null {
  let lo = 0;
  let hi = mentions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < mentions[mid].start) hi = mid - 1;
    else if (at >= mentions[mid].end) lo = mid + 1;
    else return mentions[mid];
  }
  return null;
}
