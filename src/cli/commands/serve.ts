import { serve } from '@hono/node-server';
import { Command, InvalidArgumentError } from 'commander';
import { CppccError, errorMessage } from '../../model/errors.js';
import { createWorkbench } from '../../serve/app.js';
import { MEMORY_LIMIT, QUERY_TIMEOUT_MS, THREADS } from '../../serve/limits.js';
import { DEFAULT_OUT, guard, log, positiveInt, runDatabase } from '../common.js';

/** Loopback unless the user says otherwise: the workbench has no authentication. */
const DEFAULT_HOST = '127.0.0.1';

/** A size as DuckDB's memory_limit takes it (checked here: DuckDB's own refusal says only "Failed to set config"). */
function memorySize(v: string): string {
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/iu.test(v.trim())) throw new InvalidArgumentError(`${v} is not a size such as 512MB or 2GB (--memory-limit)`);
  return v.trim();
}

/** Why the port cannot be had, in words. */
function listenCause(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return 'the port is in use (EADDRINUSE)';
  if (code === 'EACCES') return 'permission denied (EACCES; ports below 1024 need privileges)';
  if (code === 'EADDRNOTAVAIL') return 'this machine has no such address (EADDRNOTAVAIL)';
  return errorMessage(e);
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('open a local web workbench over a run: search, documents with their spans, mechanisms over time, read-only SQL')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--port <n>', 'port (0 picks a free one)', (v) => (v === '0' ? 0 : positiveInt('--port')(v)), 8080)
    .option('--host <host>', 'address to bind; anything but loopback exposes the corpus to the network', DEFAULT_HOST)
    .option('--query-timeout-ms <n>', 'stop any query after this long', positiveInt('--query-timeout-ms'), QUERY_TIMEOUT_MS)
    .option('--memory-limit <size>', "DuckDB's memory for the workbench (a query needing more fails)", memorySize, MEMORY_LIMIT)
    .addHelpText('after', '\nExample:\n  cppcc serve --out output   # then open http://127.0.0.1:8080/\n')
    .action((opts: { out: string; port: number; host: string; queryTimeoutMs: number; memoryLimit: string }) => guard(async () => {
      runDatabase(opts.out);
      const wb = await createWorkbench(opts.out, { limits: { queryTimeoutMs: opts.queryTimeoutMs, memoryLimit: opts.memoryLimit, threads: THREADS }, log });
      if (opts.host !== DEFAULT_HOST && opts.host !== 'localhost') log(`warning: binding ${opts.host}: anyone who can reach it can read the corpus`);
      await new Promise<void>((resolveStop, reject) => {
        const server = serve({ fetch: wb.app.fetch, port: opts.port, hostname: opts.host }, (info) => {
          wb.listening({ host: opts.host, port: info.port });
          // The address on stdout is data (scripts and tests read it); the hint on stderr.
          process.stdout.write(`http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}/\n`);
          log('serving; Ctrl-C stops');
        });
        server.once('error', (e) => {
          wb.close();
          reject(new CppccError('E036', { input: `${opts.host}:${opts.port}`, cause: listenCause(e) }));
        });
        const stop = () => {
          server.close(() => { wb.close(); resolveStop(); });
          wb.stopQueries();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }));
}
