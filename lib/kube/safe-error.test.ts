// A token planted next to a kubeconfig syntax error, and in a credential plugin's stderr and
// stdout, must reach no error message, no status, no CLI output and no log line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SimHandle } from '@/lib/sim';
import { runCli } from '@/lib/cli/run-cli';
import { resolveKubeConfig } from './kubeconfig';
import { ClusterCache } from './cluster-cache';
import { startTestSim, waitFor } from './test-support';
import { scrub } from './safe-error';

const TOKEN = 'PLANTEDsecretTOKENabc123xyz789';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-safe-'));
let sim: SimHandle;

function kubeconfig(server: string, user: string): string {
  return `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: ${server}
    insecure-skip-tls-verify: true
contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user:
${user}
`;
}

function plugin(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

beforeAll(async () => {
  sim = await startTestSim({ pods: 10, nodes: 2 });
});
afterAll(() => sim.stop());

describe('credentials never leave in an error', () => {
  it('a malformed kubeconfig is reported by file and line, never by its content', async () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, kubeconfig('https://127.0.0.1:1', `    token: ${TOKEN}\n   bad-indent: [`));
    let message = '';
    try {
      resolveKubeConfig({ kubeconfigPath: file, env: { HOME: dir } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/cannot read kubeconfig .*broken\.yaml: invalid YAML at line \d+/);
    expect(message).not.toContain(TOKEN);
    const cli = await runCli(['get', 'pn', '--kubeconfig', file], { HOME: dir });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('broken.yaml');
    expect(cli.stdout + cli.stderr).not.toContain(TOKEN);
  });

  it.each([
    ['its stderr', `echo "refresh failed for token ${TOKEN}" >&2; exit 1`],
    ['its stdout', `echo '{"kind":"ExecCredential","status":{"token":"${TOKEN}"'; exit 0`],
  ])('a failing credential plugin is named in the status, never quoted (%s)', async (_where, script) => {
    const cmd = plugin(`plugin-${_where.replace(/\W/g, '')}.sh`, script);
    const file = path.join(dir, `exec-${_where.replace(/\W/g, '')}.yaml`);
    fs.writeFileSync(file, kubeconfig(sim.url, `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${cmd}\n      interactiveMode: Never`));
    const logged: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' '))));
    const resolved = resolveKubeConfig({ kubeconfigPath: file, env: { HOME: dir } })!;
    const cache = new ClusterCache({ kc: resolved.kc, context: resolved.context, backoff: { baseMs: 50, capMs: 200 } }).start();
    try {
      const status = await waitFor(() => (cache.getStatus().message?.includes('credential plugin') ? cache.getStatus() : null), 10_000, 'a status naming the plugin');
      expect(status.message).toContain(path.basename(cmd));
      expect(JSON.stringify(status)).not.toContain(TOKEN);
      expect(logged.join('\n')).not.toContain(TOKEN);
    } finally {
      await cache.stop();
      for (const s of spies) s.mockRestore();
    }
    const cli = await runCli(['get', 'pn', '--kubeconfig', file], { HOME: dir, PODNODE_SYNC_TIMEOUT_MS: '3000' });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('credential plugin');
    expect(cli.stdout + cli.stderr).not.toContain(TOKEN);
  });

  it('scrub keeps one line and cuts token-like runs', () => {
    expect(scrub(`bad thing ${TOKEN}\nsecond line`)).toBe('bad thing …');
  });
});
