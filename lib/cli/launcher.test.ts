// The launcher runs the CLI from a bundle it builds, and builds it again when a source is newer, so
// an edited checkout never runs stale code. Run on a copy of the sources, edited here.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;
const run = (env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [path.join(root, 'bin', 'kubectl-podnode'), '--help'], { env: { ...process.env, ...env }, encoding: 'utf8' });

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-launcher-'));
  for (const part of ['bin', 'lib', 'tsconfig.json', 'package.json']) fs.cpSync(path.resolve(part), path.join(root, part), { recursive: true });
  fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the CLI launcher', () => {
  it('runs a bundle it builds, rebuilds it when a source changes, and runs the same through tsx', () => {
    const bundle = path.join(root, '.podnode', 'cli', 'main.cjs');
    expect(run()).toMatch(/^Usage: kubectl podnode get podnode/);
    expect(fs.existsSync(bundle)).toBe(true);
    const builtAt = fs.statSync(bundle).mtimeMs;
    expect(run()).toMatch(/^Usage: kubectl podnode get podnode/);
    expect(fs.statSync(bundle).mtimeMs).toBe(builtAt); // fresh: not rebuilt

    const options = path.join(root, 'lib', 'cli', 'options.ts');
    fs.writeFileSync(options, fs.readFileSync(options, 'utf8').replace('Usage: kubectl podnode get podnode', 'Usage: kubectl podnode (edited) get podnode'));
    fs.utimesSync(options, new Date(), new Date(builtAt + 1_000)); // newer than the bundle, whatever the clock's grain
    const edited = run();
    expect(edited).toMatch(/^Usage: kubectl podnode \(edited\) get podnode/);
    expect(run({ PODNODE_CLI_TSX: '1' })).toBe(edited);
  });
});
