// `npm run sim` as a real process: prints its URL and kubeconfig path, serves, stops on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('sim CLI', () => {
  it('starts, writes a kubeconfig, serves it, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'podnode-sim-cli-'));
    const kubeconfig = path.join(dir, 'sub', 'kc.yaml');
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/sim/cli.ts', '--port', '0', '--nodes', '5', '--pods', '60', '--kubeconfig', kubeconfig],
      { cwd: path.resolve(import.meta.dirname, '../..') });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m && out.includes('kubeconfig:')) { clearTimeout(timer); resolve(m[1] as string); }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toMatch(/5 nodes, \d+ pods; started in [\d.]+ s, RSS \d+ MB/);
      expect(await readFile(kubeconfig, 'utf8')).toContain(`server: ${url}`);
      expect(((await (await fetch(`${url}/api/v1/nodes`)).json()) as { items: unknown[] }).items).toHaveLength(5);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a message for a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/sim/cli.ts', '--profile', 'openshift'], { cwd: path.resolve(import.meta.dirname, '../..') });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--profile must be one of eks, karpenter, gke, aks, mixed, got "openshift"/);
  });
});
