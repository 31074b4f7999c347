import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { docFromText } from '../../model/document.js';
import { CppccError, errorMessage } from '../../model/errors.js';
import { detectDamageStage } from '../../normalize/detectDamage.js';
import { normalizeStage } from '../../normalize/normalize.js';
import { guard, log } from '../common.js';

/** Normalize one text: repairs, conversion to Simplified, damage flags. */
function normalizeText(text: string) {
  const doc = docFromText(text);
  const ctx = { options: {} };
  normalizeStage.run(doc, ctx);
  detectDamageStage.run(doc, ctx);
  return doc;
}

export function normalizeCommand(): Command {
  return new Command('normalize')
    .description('print normalized Simplified text of a file (or - for stdin); --jsonl reads {"id","text"} lines from stdin')
    .argument('[file]', 'a text file, or - for standard input', '-')
    .option('--jsonl', 'batch mode: {"id":…,"text":…} per input line → {"id","text","flags"} per output line')
    .addHelpText('after', '\nExamples:\n  cppcc normalize page.txt\n  echo \'{"id":1,"text":"政協(xié)"}\' | cppcc normalize --jsonl\n')
    .action((file: string, opts: { jsonl?: boolean }) => guard(async () => {
      if (!opts.jsonl) {
        let text: string;
        try {
          text = readFileSync(file === '-' ? 0 : file, 'utf8');
        } catch (e) {
          throw new CppccError('E001', { input: file, cause: errorMessage(e) });
        }
        process.stdout.write(normalizeText(text).text);
        return;
      }
      let n = 0;
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        n++;
        if (!line.trim()) continue;
        let rec: { id?: unknown; text?: unknown };
        try {
          rec = JSON.parse(line);
        } catch (e) {
          log(`line ${n}: not JSON (${errorMessage(e)}); skipped`);
          continue;
        }
        if (typeof rec.text !== 'string') {
          log(`line ${n}: no "text" string; skipped`);
          continue;
        }
        const doc = normalizeText(rec.text);
        process.stdout.write(JSON.stringify({ id: rec.id ?? null, text: doc.text, flags: doc.flags.map((f) => ({ rule: f.ruleId, severity: f.severity, reason: f.reason, data: f.data ?? null })) }) + '\n');
      }
    }));
}
