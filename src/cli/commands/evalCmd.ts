import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { formatScore, score } from '../../eval/score.js';
import { toPrediction } from '../../output/prediction.js';
import { processPaths } from '../../pipeline/process.js';
import { loadPipeline } from '../../pipeline/run.js';
import { packageRoot } from '../../util/paths.js';
import { EXIT, guard } from '../common.js';

export function evalCommand(): Command {
  return new Command('eval')
    .description('score extraction on the bundled development set (corpus/seeds against test/eval/gold): P/R/F per category')
    .option('--gold <dir>', 'folder of gold JSON files', join(packageRoot(), 'test', 'eval', 'gold'))
    .option('--docs <dir>', 'folder of the documents the gold describes', join(packageRoot(), 'corpus', 'seeds'))
    .option('--pred <file>', 'score this predictions JSONL instead of extracting')
    .option('--json', 'print the scores as JSON')
    .addHelpText('after', '\nExample:\n  cppcc eval\n')
    .action((opts: { gold: string; docs: string; pred?: string; json?: boolean }) => guard(async () => {
      const golds = readdirSync(opts.gold).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(opts.gold, f), 'utf8')));
      let preds: Record<string, unknown>[] = [];
      if (opts.pred) preds = readFileSync(opts.pred, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
      else await processPaths([opts.docs], loadPipeline(), { onDocument: (d) => { preds.push(toPrediction(d)); } });
      const s = score(golds, preds);
      process.stdout.write((opts.json ? JSON.stringify(s, null, 2) : formatScore(s)) + '\n');
      return s.predicted === s.documents ? EXIT.ok : EXIT.failed;
    }));
}
