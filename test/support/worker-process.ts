import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The worker child process runs the built code: build it if dist is missing or older than src. */
export function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const built = path.join(ROOT, 'dist', 'src', 'worker.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  const result = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('nest build failed');
}

/** The built worker as its own process (`node dist/src/worker.js`) with `env` over the test's. */
export function spawnWorkerProcess(
  env: Record<string, string>,
  stdio: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'worker.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', WORKER_HEALTH_PORT: '0', ...env },
    stdio: ['ignore', stdio, stdio],
  });
}
