// Test support: the real CLI as a child process, the way a user runs it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

// Relative to the repo root, where vitest and playwright both run (import.meta breaks Playwright's CJS transform).
const CLI = path.resolve('bin', 'kubectl-podnode');

/** not NodeJS.ProcessEnv, whose Next.js typing demands NODE_ENV */
export type CliEnv = Readonly<Record<string, string | undefined>>;

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runCli(args: string[], env: CliEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function spawnCli(args: string[], env: CliEnv): ChildProcessWithoutNullStreams {
  // KUBERNETES_SERVICE_HOST would make the CLI go in-cluster when the suite itself runs in a pod.
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, KUBERNETES_SERVICE_HOST: '', ...env } });
}
