// A simulator and a production dashboard of a test's own, for checks that need their own settings
// or their own load (a churning cluster, a small stream cap) without disturbing the shared stack.
// The dashboard is the standalone server the image runs: `node server.js` in .next/standalone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from '@playwright/test';

export type OwnStack = { base: string; simUrl: string; server: ChildProcess; logs: () => string; rssMb: () => number; stop: () => void };

export async function startOwnStack(opts: { port: number; simPort: number; churn: number; pods: number; env?: Record<string, string>; simArgs?: string[] }): Promise<OwnStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-stack-'));
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  const sim = spawn(process.execPath, ['--import', 'tsx', 'lib/sim/cli.ts', '--port', String(opts.simPort), '--nodes', '60', '--pods', String(opts.pods), '--churn', String(opts.churn), '--kubeconfig', kubeconfig, ...(opts.simArgs ?? [])], { stdio: 'ignore' });
  const simUrl = `http://127.0.0.1:${opts.simPort}`;
  await expect.poll(() => fetch(`${simUrl}/version`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
  const standalone = path.resolve('.next', 'standalone');
  let logs = '';
  const server = spawn(process.execPath, ['server.js'], {
    cwd: standalone,
    env: { ...process.env, PORT: String(opts.port), HOSTNAME: '127.0.0.1', KUBECONFIG: kubeconfig, KUBERNETES_SERVICE_HOST: '', NODE_ENV: 'production', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (logs += d.toString()));
  const base = `http://127.0.0.1:${opts.port}`;
  try {
    await expect.poll(() => fetch(`${base}/api/readyz`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
  } catch (err) {
    // never leave a simulator or a server behind to hold the ports of the next run
    server.kill('SIGTERM');
    sim.kill('SIGTERM');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- dashboard log ---\n${logs.slice(-2000)}`);
  }
  return {
    base,
    simUrl,
    server,
    logs: () => logs,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () => {
      server.kill('SIGTERM');
      sim.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
