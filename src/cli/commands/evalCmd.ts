import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { formatContainers, scoreContainers } from '../../eval/containers.js';
import { differences, formatDifferences } from '../../eval/differences.js';
import { evalMainText, evalNumbers, evalNumberTokens, evalOpenCC, formatPeer } from '../../eval/peer.js';
import { formatScore, score, type ScoreSummary } from '../../eval/score.js';
import { emptySegmentationScore, formatSegmentation, scoreSegmentation, type SegmentationScore } from '../../eval/segmentation.js';
import { developmentSets, readGold, type EvalSet } from '../../eval/sets.js';
import { toPrediction } from '../../output/prediction.js';
import { extractDocuments } from '../../run/extract.js';
import { loadPipeline } from '../../pipeline/run.js';
import { CppccError } from '../../model/errors.js';
import { EXIT, guard } from '../common.js';

interface EvalOptions { containers?: boolean; set?: string[]; gold?: string; docs?: string; pred?: string; json?: boolean; details?: boolean; peer?: string; failures: string }

const UPPER_BOUND = 'development documents: the rules were tuned on them, so these figures are an upper bound on documents from other sites';

async function scoreSet(set: EvalSet, predFile: string | undefined): Promise<{ set: EvalSet; summary: ScoreSummary; segmentation: SegmentationScore | null; details: ReturnType<typeof differences> }> {
  const golds = readGold(set.gold);
  let preds: Record<string, unknown>[] = [];
  // Tokens are only there when this command extracts; a predictions file has none.
  const segmentation = predFile ? null : emptySegmentationScore();
  const goldByFile = new Map(golds.map((g) => [basename(String(g.file ?? '')), g]));
  if (predFile) preds = readFileSync(predFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  else {
    await extractDocuments([set.docs], loadPipeline(), {
      onDocument: (d) => {
        preds.push(toPrediction(d));
        const g = goldByFile.get(d.source.file) ?? goldByFile.get(d.source.file.replace(/#0$/u, ''));
        if (g && segmentation) scoreSegmentation(segmentation, g, { text: d.text, tokens: d.tokens, file: d.source.file });
      },
    });
  }
  return { set, summary: score(golds, preds), segmentation, details: differences(golds, preds) };
}

export function evalCommand(): Command {
  return new Command('eval')
    .description('score extraction on the bundled development sets (seeds, dev2/pages, dev2/files; each against its gold): P/R/F per category, detail figures, fields, and how many gold names and numbers are one token')
    .option('--set <name...>', `only these bundled sets (${developmentSets().map((s) => s.name).join(', ')})`)
    .option('--gold <dir>', 'instead: a folder of gold JSON files (with --docs or --pred)')
    .option('--docs <dir>', 'folder of the documents the --gold files describe')
    .option('--pred <file>', 'with --gold: score this predictions JSONL instead of extracting')
    .option('--containers', 'instead: score each set\'s articles wrapped in every container (JSON, JSON lines, RSS, Markdown, CSV, a CMS page) against the bare documents')
    .option('--details', 'also list, per document, what was missed, what was extra and which fields are wrong')
    .option('--json', 'print the scores as JSON')
    .option('--peer <dir>', 'instead: run the external suites in DIR (opencc_t2s.jsonl, recognizers_zh.jsonl, mainText/)')
    .option('--failures <n>', 'with --peer: failures to list per suite', '10')
    .addHelpText('after', '\nExamples:\n  cppcc eval\n  cppcc eval --set dev2/files --details\n  cppcc eval --gold my/gold --docs my/docs\n  cppcc eval --peer ../shared/peer\n')
    .action((opts: EvalOptions) => guard(async () => {
      if (opts.peer) {
        const pipeline = loadPipeline();
        const reports = [];
        if (existsSync(join(opts.peer, 'opencc_t2s.jsonl'))) reports.push(evalOpenCC(join(opts.peer, 'opencc_t2s.jsonl')));
        if (existsSync(join(opts.peer, 'recognizers_zh.jsonl'))) reports.push(evalNumbers(join(opts.peer, 'recognizers_zh.jsonl'), pipeline));
        if (existsSync(join(opts.peer, 'mainText'))) reports.push(evalMainText(join(opts.peer, 'mainText'), pipeline));
        if (reports.length) reports.push(evalNumberTokens(opts.peer, pipeline));
        if (!reports.length) throw new CppccError('E001', { input: opts.peer, cause: 'no opencc_t2s.jsonl, recognizers_zh.jsonl or mainText/ there' });
        process.stdout.write((opts.json ? JSON.stringify(reports, null, 2) : reports.map((r) => formatPeer(r, Number(opts.failures))).join('\n\n')) + '\n');
        return EXIT.ok;
      }
      if (opts.containers) {
        const all = developmentSets().filter((s) => !opts.set || opts.set.includes(s.name));
        const results = [];
        for (const s of all) results.push(await scoreContainers(s));
        process.stdout.write((opts.json ? JSON.stringify(results, null, 2) : results.map(formatContainers).join('\n\n')) + '\n');
        return EXIT.ok;
      }
      let sets: EvalSet[];
      if (opts.gold) {
        if (!opts.docs && !opts.pred) throw new CppccError('E015', { key: '--gold', cause: 'it needs the documents it describes', allowed: '--docs DIR (extract them) or --pred FILE (a predictions JSONL)' });
        sets = [{ name: basename(opts.gold), gold: opts.gold, docs: opts.docs ?? '', about: 'documents given with --gold' }];
      } else {
        const all = developmentSets();
        const unknown = (opts.set ?? []).filter((n) => !all.some((s) => s.name === n));
        if (unknown.length) throw new CppccError('E015', { key: '--set', cause: `no bundled set ${unknown.join(', ')}`, allowed: all.map((s) => s.name).join(', ') });
        if (opts.pred) throw new CppccError('E015', { key: '--pred', cause: 'a predictions file is scored against one gold folder', allowed: '--pred FILE with --gold DIR' });
        sets = opts.set ? all.filter((s) => opts.set!.includes(s.name)) : all;
      }
      const results = [];
      for (const s of sets) results.push(await scoreSet(s, opts.pred));
      if (opts.json) {
        process.stdout.write(JSON.stringify(results.map((r) => ({ set: r.set.name, note: opts.gold ? null : UPPER_BOUND, ...r.summary, segmentation: r.segmentation, ...(opts.details ? { details: r.details } : {}) })), null, 2) + '\n');
      } else {
        const parts = results.map((r) => [
          `# ${r.set.name}: ${r.set.about}`,
          formatScore(r.summary),
          ...(r.segmentation ? [formatSegmentation(r.segmentation)] : []),
          ...(opts.details ? ['differences, per document:', formatDifferences(r.details) || '  none'] : []),
        ].join('\n'));
        process.stdout.write((opts.gold ? '' : `note: ${UPPER_BOUND}.\n\n`) + parts.join('\n\n') + '\n');
      }
      return results.every((r) => r.summary.predicted === r.summary.documents) ? EXIT.ok : EXIT.failed;
    }));
}
