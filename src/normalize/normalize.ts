import type { Document } from '../model/document.js';
import type { Stage } from '../model/stage.js';
import { repair } from './repairs.js';
import { detectScript, toSimplified } from './script.js';

/**
 * original → text: repairs first (they are defined on the published form: 協(xié) is a gloss on the
 * Traditional character), then conversion to Simplified. The two maps compose into `textToOriginal`.
 */
export const normalizeStage: Stage = {
  id: 'normalize.text@1',
  requires: ['original'],
  provides: ['text', 'script'],
  run(doc: Document): Document {
    const r = repair(doc.original);
    const info = detectScript(r.text);
    doc.meta.script = info.script;
    doc.meta.variant = info.variant;
    if (info.variant) {
      const conv = toSimplified(r.text, info.variant);
      doc.text = conv.text;
      doc.textToOriginal = conv.map.then(r.map);
    } else {
      doc.text = r.text;
      doc.textToOriginal = r.map;
    }
    const span = (s: { start: number; end: number }) => ({ start: s.start, end: s.end, layer: 'original' as const, label: 'repair', by: this.id });
    if (r.report.glosses.length) {
      doc.flags.push({
        ruleId: 'repair.pinyinGloss', by: this.id, severity: 'info',
        reason: `${r.report.glosses.length} inline pinyin glosses removed (e.g. ${r.report.glosses[0].surface})`,
        span: span(r.report.glosses[0]), data: { count: r.report.glosses.length },
      });
    }
    if (r.report.doubled.length) {
      doc.flags.push({
        ruleId: 'repair.duplicatedPunctuation', by: this.id, severity: 'info',
        reason: `${r.report.doubled.length} runs of doubled punctuation collapsed (e.g. "${r.report.doubled[0].surface}")`,
        span: span(r.report.doubled[0]), data: { count: r.report.doubled.length },
      });
    }
    const replacement = (doc.original.match(/\uFFFD/gu) ?? []).length;
    if (replacement) {
      doc.flags.push({ ruleId: 'decode.replacementChars', by: this.id, severity: 'warning', reason: `${replacement} undecodable characters (U+FFFD): the charset may be wrong`, data: { count: replacement } });
    }
    return doc;
  },
};
