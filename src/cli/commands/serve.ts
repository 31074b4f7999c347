import { serve } from '@hono/node-server';
import { Command } from 'commander';
import { createWorkbench } from '../../serve/app.js';
import { DEFAULT_OUT, guard, log, positiveInt, runDatabase } from '../common.js';

/** Loopback unless the user says otherwise: the workbench has no authentication. */
const DEFAULT_HOST = '127.0.0.1';

export function serveCommand(): Command {
  return new Command('serve')
    .description('open a local web workbench over a run: search, documents with their spans, mechanisms over time, read-only SQL')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--port <n>', 'port (0 picks a free one)', (v) => (v === '0' ? 0 : positiveInt('--port')(v)), 8080)
    .option('--host <host>', 'address to bind; anything but loopback exposes the corpus to the network', DEFAULT_HOST)
    .addHelpText('after', '\nExample:\n  cppcc serve --out output   # then open http://127.0.0.1:8080/\n')
    .action((opts: { out: string; port: number; host: string }) => guard(async () => {
      runDatabase(opts.out);
      const wb = await createWorkbench(opts.out);
      if (opts.host !== DEFAULT_HOST && opts.host !== 'localhost') log(`warning: binding ${opts.host}: anyone who can reach it can read the corpus`);
      await new Promise<void>((resolveStop) => {
        const server = serve({ fetch: wb.app.fetch, port: opts.port, hostname: opts.host }, (info) => {
          // The address on stdout is data (scripts and tests read it); the hint on stderr.
          process.stdout.write(`http://${info.address}:${info.port}/\n`);
          log('serving; Ctrl-C stops');
        });
        const stop = () => server.close(() => { wb.close(); resolveStop(); });
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }));
}
