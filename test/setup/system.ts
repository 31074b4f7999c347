/**
 * What the test suite needs besides Node, checked once before any test file runs (vitest globalSetup):
 * Debian's chromium (with a CJK font, for legible screenshots) for the browser tests, and redis-server for
 * the job-queue tests. On a fresh machine, as root with Debian's packages reachable, they are installed;
 * otherwise the run stops at once with the one line that says what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES: { pkg: string; present: () => boolean }[] = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-wqy-microhei', present: () => spawnSync('fc-list', [], { encoding: 'utf8' }).stdout?.toLowerCase().includes('wenquanyi') ?? false },
  { pkg: 'redis-server', present: () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0 },
];

/**
 * What to do about missing packages: nothing, install them (as root, or with sudo that asks no password, and
 * apt-get), or stop with the line that says what to install.
 */
export function plan(missing: string[], root: boolean, apt: boolean): { action: 'none' | 'install' | 'stop'; advice: string } {
  const advice = `the tests need ${missing.join(', ')}: run  sudo apt-get install -y ${missing.join(' ')}  and npm test again`;
  if (!missing.length) return { action: 'none', advice: '' };
  return { action: root && apt ? 'install' : 'stop', advice };
}

export default function setup(): void {
  const missing = PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const { action, advice } = plan(missing, root || sudo, existsSync('/usr/bin/apt-get'));
  if (action === 'none') return;
  if (action === 'stop') throw new Error(advice);
  process.stderr.write(`installing ${missing.join(', ')} (Debian packages) for the browser and queue tests…\n`);
  const [cmd, pre] = root ? ['apt-get', []] : ['sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get']];
  try {
    execFileSync(cmd, [...pre, 'update', '-qq'], { stdio: 'ignore', timeout: 600_000 });
    execFileSync(cmd, [...pre, 'install', '-y', '-qq', ...missing], { stdio: 'ignore', timeout: 1_200_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    throw new Error(`apt-get could not install them; ${advice}`);
  }
  const still = PACKAGES.filter((p) => missing.includes(p.pkg) && !p.present()).map((p) => p.pkg);
  if (still.length) throw new Error(`${still.join(', ')} still missing after apt-get; ${advice}`);
}
