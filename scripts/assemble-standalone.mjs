#!/usr/bin/env node
// The app as the container image holds it: Next's standalone server plus the static assets and
// public/ that `next build` leaves out of it. `npm start` serves it in place; the Dockerfile and
// the image test copy it to a folder of their own:  node scripts/assemble-standalone.mjs OUT
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

/** Copies the built app into `out` (default: in place, into .next/standalone). */
export function assembleStandalone(out = path.join(root, '.next', 'standalone')) {
  const standalone = path.join(root, '.next', 'standalone');
  if (!existsSync(path.join(standalone, 'server.js'))) throw new Error('no .next/standalone/server.js: run `next build` first');
  if (path.resolve(out) !== standalone) {
    mkdirSync(out, { recursive: true });
    cpSync(standalone, out, { recursive: true, verbatimSymlinks: true });
  }
  cpSync(path.join(root, '.next', 'static'), path.join(out, '.next', 'static'), { recursive: true });
  if (existsSync(path.join(root, 'public'))) cpSync(path.join(root, 'public'), path.join(out, 'public'), { recursive: true });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/assemble-standalone.mjs OUT_DIR');
    process.exit(2);
  }
  console.log(`assembled ${assembleStandalone(path.resolve(out))}`);
}
