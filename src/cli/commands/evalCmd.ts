import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { evalMainText, evalNumbers, evalNumberTokens, evalOpenCC, formatPeer } from '../../eval/peer.js';
import { formatScore, score } from '../../eval/score.js';
import { emptySegmentationScore, formatSegmentation, scoreSegmentation } from '../../eval/segmentation.js';
import { toPrediction } from '../../output/prediction.js';
import { processPaths } from '../../pipeline/process.js';
import { loadPipeline } from '../../pipeline/run.js';
import { packageRoot } from '../../util/paths.js';
import { CppccError } from '../../model/errors.js';
import { EXIT, guard } from '../common.js';

export function evalCommand(): Command {
  return new Command('eval')
    .description('score extraction on the bundled development set (corpus/seeds against test/eval/gold): P/R/F per category, and how many gold names and numbers are one token')
    .option('--gold <dir>', 'folder of gold JSON files', join(packageRoot(), 'test', 'eval', 'gold'))
    .option('--docs <dir>', 'folder of the documents the gold describes', join(packageRoot(), 'corpus', 'seeds'))
    .option('--pred <file>', 'score this predictions JSONL instead of extracting')
    .option('--json', 'print the scores as JSON')
    .option('--peer <dir>', 'instead: run the external suites in DIR (opencc_t2s.jsonl, recognizers_zh.jsonl, mainText/)')
    .option('--failures <n>', 'with --peer: failures to list per suite', '10')
    .addHelpText('after', '\nExamples:\n  cppcc eval\n  cppcc eval --peer ../shared/peer\n')
    .action((opts: { gold: string; docs: string; pred?: string; json?: boolean; peer?: string; failures: string }) => guard(async () => {
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
      const golds = readdirSync(opts.gold).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(opts.gold, f), 'utf8')));
      let preds: Record<string, unknown>[] = [];
      // Tokens are only there when this command extracts; a predictions file has none.
      const segmentation = opts.pred ? null : emptySegmentationScore();
      const goldByFile = new Map(golds.map((g) => [basename(String(g.file ?? '')), g]));
      if (opts.pred) preds = readFileSync(opts.pred, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
      else {
        await processPaths([opts.docs], loadPipeline(), {
          onDocument: (d) => {
            preds.push(toPrediction(d));
            const g = goldByFile.get(d.source.file);
            if (g && segmentation) scoreSegmentation(segmentation, g, { text: d.text, tokens: d.tokens, file: d.source.file });
          },
        });
      }
      const s = score(golds, preds);
      const text = [formatScore(s), ...(segmentation ? [formatSegmentation(segmentation)] : [])].join('\n');
      process.stdout.write((opts.json ? JSON.stringify({ ...s, segmentation }, null, 2) : text) + '\n');
      return s.predicted === s.documents ? EXIT.ok : EXIT.failed;
    }));
}
