#!/usr/bin/env node
// `npm start`: build when there is no build (or the sources are newer than it), then serve.
// With no kubeconfig the server starts the built-in simulated cluster by itself (lib/demo).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { assembleStandalone } from './assemble-standalone.mjs';

const root = path.resolve(import.meta.dirname, '..');
const buildId = path.join(root, '.next', 'BUILD_ID');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');


function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ['app', 'components', 'lib', 'public'].some((d) => newestMtime(path.join(root, d)) > built);
}

if (process.env.PODNODE_SKIP_BUILD !== '1' && buildIsStale()) {
  console.log('podnode: building the dashboard (first start, or sources changed)…');
  const r = spawnSync(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// output: 'standalone' is what a container runs; serve that same server here, assembled as the
// image assembles it.
const standalone = assembleStandalone();

const port = process.env.PORT ?? '3000';
// Loopback by default: the page shows cluster data, and port-forward reaches loopback inside a pod too.
const host = process.env.PODNODE_HOST ?? '127.0.0.1';
const child = spawn(process.execPath, [path.join(standalone, 'server.js')], {
  cwd: standalone,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, HOSTNAME: host },
});
console.log(`podnode: dashboard on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
