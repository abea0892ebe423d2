'use strict';
/**
 * Server processes under test (the api, the raw baseline, the worker): started as children so that
 * their CPU time and peak RSS can be read from /proc, and stopped by their own pid at the end.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux: /proc/<pid>/stat counts in these.

/** utime + stime of the process (all its threads) in milliseconds. */
function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Peak resident set (VmHWM) and current (VmRSS), in MiB. */
function memoryMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

/** `n` distinct ports free right now on 127.0.0.1 (held together while chosen, so all differ). */
async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  }
}

/**
 * Starts `node <args>` with `env`, keeps the tail of its output (what explains a failed start) and,
 * when `healthUrl` is given, waits until it answers 200.
 */
async function startProcess({ name, args, env, cwd, healthUrl, port, timeoutMs = 60_000 }) {
  if (port && !(await portIsFree(port))) throw new Error(`${name}: port ${port} is already in use`);
  const output = [];
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const handle = {
    name,
    child,
    pid: child.pid,
    output,
    exited,
    tail: () => output.join('').slice(-3000),
  };
  if (!healthUrl) return handle;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const up = await fetch(healthUrl)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (up) return handle;
    const code = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r(undefined), 250)),
    ]);
    if (code !== undefined) throw new Error(`${name} exited (${code}):\n${handle.tail()}`);
  }
  await stopProcess(handle);
  throw new Error(`${name} not healthy after ${timeoutMs / 1000} s:\n${handle.tail()}`);
}

/** SIGTERM, then SIGKILL after 5 s; only this child, by its pid. */
async function stopProcess(handle) {
  if (!handle) return;
  const { child } = handle;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await handle.exited;
  clearTimeout(timer);
}

/**
 * The node flags an Accords process runs with in production (package.json start:api / start:worker,
 * the Dockerfile's CMDs), read from package.json so that the bench cannot drift from them.
 */
function accordsNodeFlags(script, entry) {
  const { scripts } = require('../../package.json');
  const pattern = new RegExp(`\\bnode((?:\\s+--[a-z0-9-]+(?:=\\S+)?)*)\\s+dist/src/${entry}\\b`);
  const flags = pattern.exec(scripts[script]);
  if (!flags)
    throw new Error(`package.json ${script}: expected \`node [--flags] dist/src/${entry}\``);
  return flags[1].trim().split(/\s+/).filter(Boolean);
}
const ACCORDS_NODE_FLAGS = {
  api: accordsNodeFlags('start:api', 'main.js'),
  worker: accordsNodeFlags('start:worker', 'worker.js'),
};

module.exports = {
  ACCORDS_NODE_FLAGS,
  cpuMs,
  memoryMb,
  startProcess,
  stopProcess,
  portIsFree,
  freePorts,
};
