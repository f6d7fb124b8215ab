#!/usr/bin/env node
// `npm test`: every layer, in order of cost — lint (layering included), dead code (knip),
// typecheck, unit + integration (Vitest, against the simulator and the real kubectl), build, e2e in
// Chromium (Playwright). Stops at the first failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findChromium } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const browser = findChromium();
if (!browser) {
  console.error(
    'npm test: no Chromium found for the e2e tests.\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium   (used from /usr/bin/chromium)\n' +
      '  elsewhere:     npx playwright install chromium\n' +
      '  or set PODNODE_CHROMIUM=/path/to/chromium',
  );
  process.exit(1);
}

const steps = [
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['deadcode', bin('knip'), ['--no-progress', '--no-config-hints']],
  ['typecheck', bin('tsc'), ['--noEmit', '-p', '.']],
  ['unit + integration', bin('vitest'), ['run']],
  ['build', bin('next'), ['build']],
  ['e2e', bin('playwright'), ['test']],
];
const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name.split(' ')[0])) continue;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PODNODE_CHROMIUM: browser } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
