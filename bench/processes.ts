// Bench support: the simulator and the dashboard each in their own process, so one's memory and
// CPU are never counted as the other's.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const children: ChildProcess[] = [];
/** each started process's output so far (stdout and stderr): what it says while it runs */
export const outputOf = new WeakMap<ChildProcess, () => string>();
/** children this process stopped on purpose */
const stopping = new WeakSet<ChildProcess>();

export function startProcess(cmd: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    outputOf.set(child, () => out);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`));
      // after it was ready (a rejected promise says nothing then): a dashboard that dies mid-run
      // (out of memory under a heap cap) must say why, not leave only the client's ECONNRESET
      if (!stopping.has(child) && ready.test(out)) console.error(`bench: ${path.basename(args.at(-1) ?? cmd)} exited (${signal ?? code}) while measuring; its last output:\n${out.slice(-3000)}`);
    });
  });
}

type SimProcessOptions = { nodes: number; pods: number; churn: number; history?: number; noticeMs?: number };

export function startSimProcess(port: number, kubeconfig: string, opts: SimProcessOptions): Promise<ChildProcess> {
  const args = ['--import', 'tsx', 'lib/sim/cli.ts', '--port', String(port), '--nodes', String(opts.nodes), '--pods', String(opts.pods)];
  args.push('--profile', 'mixed', '--seed', '1', '--churn', String(opts.churn), '--kubeconfig', kubeconfig);
  if (opts.history) args.push('--history', String(opts.history));
  if (opts.noticeMs !== undefined) args.push('--notice-ms', String(opts.noticeMs));
  return startProcess(process.execPath, args, {}, /listening on/);
}

/** The production (standalone) server; needs `npm run build`. */
export function startDashboard(port: number, kubeconfig: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const server = '.next/standalone/server.js';
  if (!fs.existsSync(server)) throw new Error('no build: run `npm run build` first');
  fs.cpSync('.next/static', '.next/standalone/.next/static', { recursive: true });
  const env = { PORT: String(port), HOSTNAME: '127.0.0.1', KUBECONFIG: kubeconfig, KUBERNETES_SERVICE_HOST: '', ...extraEnv };
  return startProcess(process.execPath, [server], env, /Ready|started server|Listening/i);
}

export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

export async function until<T>(f: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitReady(base: string): Promise<void> {
  await until(async () => ((await fetch(`${base}/api/readyz`)).status === 200 ? true : undefined), 600_000);
}

/** Stops every process started so far and waits for them: a leftover dashboard would answer the
 *  next size's requests. */
export async function stopChildren(): Promise<void> {
  const running = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) stopProcess(c);
  await Promise.all(running.map((c) => new Promise((r) => c.once('exit', r))));
}

/** Stops one process on purpose (its exit is then not reported as a death mid-run). */
export function stopProcess(c: ChildProcess): void {
  stopping.add(c);
  c.kill('SIGTERM');
}

export function stopAll(): void {
  for (const c of children) stopProcess(c);
}

// An interrupted bench must not leave a 150,000-pod simulator behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/** Runs a bench's main: a failure sets exit code 1; either way its processes stop and `dir` goes. */
export function runBench(main: () => Promise<void>, dir: string): void {
  main()
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => {
      stopAll();
      fs.rmSync(dir, { recursive: true, force: true });
    });
}
