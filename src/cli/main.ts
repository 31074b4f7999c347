#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { evalCommand } from './commands/evalCmd.js';
import { exportCommand } from './commands/export.js';
import { kwicCommand } from './commands/kwic.js';
import { showCommand } from './commands/show.js';
import { extractCommand } from './commands/extract.js';
import { normalizeCommand } from './commands/normalize.js';
import { runCommand } from './commands/run.js';
import { scrapeCommand } from './commands/scrape.js';
import { serveCommand } from './commands/serve.js';
import { searchCommand } from './commands/search.js';
import { sqlCommand } from './commands/sql.js';
import { mergeCommand, statusCommand, workerCommand } from './commands/scale.js';
import { EXIT } from './common.js';
import { packageRoot } from '../util/paths.js';

// A reader that stops early (cppcc extract … | head) closes stdout: that ends the command quietly, not with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  throw e;
});

const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };

const program = new Command('cppcc')
  .description('Text-analysis pipeline for CPPCC (政协) news and speeches')
  .version(version, '-V, --version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((err) => {
    // commander's own help/version exits are successes; any other parse error is a usage error.
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  });
for (const c of [scrapeCommand(), runCommand(), extractCommand(), searchCommand(), kwicCommand(), sqlCommand(), showCommand(), exportCommand(), evalCommand(), normalizeCommand(), serveCommand(), mergeCommand(), workerCommand(), statusCommand()]) {
  program.addCommand(c.configureOutput({ writeErr: (s) => process.stderr.write(s) }).exitOverride((err) => { process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage); }));
}
await program.parseAsync(process.argv);
