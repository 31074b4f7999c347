import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server on a free loopback port, without persistence (the queue tests, `npm run bench -- --queue`). Debian's
 * redis-server must be installed (the test set-up installs it as root); a missing binary is an error with that advice.
 */
export async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const spawnError = new Promise<never>((_, reject) => proc.once('error', (e) => reject(new Error(`cannot start redis-server (${e.message}): apt-get install redis-server`))));
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      c.on('error', () => undefined);
      try {
        await c.connect();
        await c.ping();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        c.disconnect();
      }
    }
    throw new Error(`redis-server did not answer on ${url}`);
  })();
  await Promise.race([ready, spawnError]);
  return { url, stop: () => { proc.kill('SIGKILL'); } };
}
