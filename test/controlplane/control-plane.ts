// A real control plane for the test suite: etcd and kube-apiserver, built from their published
// Go modules (build.mjs), on loopback, with a serving CA, client-certificate admin access,
// service-account token signing, a static token file and RBAC — what envtest starts, minus the
// controllers. Nothing here reaches beyond 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { issue, makeCa } from '@/lib/sim/test-pki';
// @ts-expect-error -- plain ESM build helper, shared with the command line
import { ensureBinaries, versions } from './build.mjs';

export type StaticToken = { token: string; user: string; groups?: string[] };

export type ControlPlane = {
  server: string;
  dir: string;
  caFile: string;
  /** admin (system:masters) by client certificate */
  adminKubeconfig: string;
  versions: { kubernetes: string; etcd: string };
  etcdUrl: string;
  restartApiserver(): Promise<void>;
  stopApiserver(): Promise<void>;
  startApiserver(): Promise<void>;
  /** a second kube-apiserver on the same etcd, on another port: writes while the first is down */
  startSecondApiserver(): Promise<{ server: string; stop: () => Promise<void> }>;
  stopEtcd(): Promise<void>;
  startEtcd(): Promise<void>;
  /** compacts etcd at its current revision; returns the revision */
  compactEtcd(): Promise<number>;
  stop(): Promise<void>;
};

const binaries = (): { apiserver: string; etcd: string } => ensureBinaries() as { apiserver: string; etcd: string };

export function controlPlaneAvailable(): { ok: true } | { ok: false; why: string } {
  if (spawnSync('go', ['version']).status !== 0) return { ok: false, why: 'Go is not installed: the real control-plane suite builds kube-apiserver and etcd with it' };
  if (spawnSync('openssl', ['version']).status !== 0) return { ok: false, why: 'openssl is not installed: the suite makes its PKI with it' };
  return { ok: true };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`control plane: ${what} not ready after ${timeoutMs / 1000} s`);
}

function run(cmd: string, args: string[], logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export async function startControlPlane(opts: { tokens?: StaticToken[] } = {}): Promise<ControlPlane> {
  const bin = binaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-controlplane-'));
  const pki = makeCa(path.join(dir, 'pki'), 'podnode-test-cluster-ca');
  issue(pki, 'apiserver', { cn: 'kube-apiserver', san: 'IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc' });
  const admin = issue(pki, 'admin', { cn: 'podnode-test-admin', org: 'system:masters', client: true });
  spawnSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'sa.key'], { cwd: pki.dir });
  spawnSync('openssl', ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], { cwd: pki.dir });
  const tokensCsv = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokensCsv, (opts.tokens ?? []).map((t) => `${t.token},${t.user},${t.user},"${(t.groups ?? []).join(',')}"`).join('\n') + '\n');

  const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const server = `https://127.0.0.1:${apiPort}`;
  const etcdArgs = [
    '--name', 'default', '--data-dir', path.join(dir, 'etcd'),
    '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
    '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
    '--initial-cluster', `default=http://127.0.0.1:${peerPort}`, '--unsafe-no-fsync', '--log-level', 'warn',
  ];
  const apiArgs = [
    '--etcd-servers', etcdUrl, '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--secure-port', String(apiPort),
    '--tls-cert-file', path.join(pki.dir, 'apiserver.crt'), '--tls-private-key-file', path.join(pki.dir, 'apiserver.key'),
    '--client-ca-file', pki.caCert, '--authorization-mode', 'RBAC', '--token-auth-file', tokensCsv,
    '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
    '--service-account-key-file', path.join(pki.dir, 'sa.pub'), '--service-account-signing-key-file', path.join(pki.dir, 'sa.key'),
    '--service-cluster-ip-range', '10.0.0.0/24', '--allow-privileged=true',
    // no controller-manager here: nothing would create each namespace's default service account
    '--disable-admission-plugins', 'ServiceAccount',
    // as envtest: the `kubernetes` Service's endpoints may not point at a loopback address
    '--endpoint-reconciler-type', 'none',
  ];
  let etcd = run(bin.etcd, etcdArgs, path.join(dir, 'etcd.log'));
  const etcdUp = () => until('etcd', 30_000, async () => (await fetch(`${etcdUrl}/health`).catch(() => null))?.ok ?? false);
  let apiserver!: ChildProcess; // assigned once etcd is up
  // a start that fails must not leave an etcd or an API server running behind the failed test
  const abandon = (err: unknown): never => {
    apiserver?.kill('SIGKILL');
    etcd.kill('SIGKILL');
    throw err;
  };
  await etcdUp().catch(abandon);
  apiserver = run(bin.apiserver, apiArgs, path.join(dir, 'kube-apiserver.log'));
  const ca = fs.readFileSync(pki.caCert);
  const ready = (url: string) =>
    new Promise<boolean>((resolve) => {
      const req = https.get(`${url}/readyz`, { ca, cert: admin.cert, key: admin.key }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
  const readyz = () =>
    until('kube-apiserver /readyz', 90_000, async () => {
      if (apiserver.exitCode !== null) {
        const log = fs.readFileSync(path.join(dir, 'kube-apiserver.log'), 'utf8').trim().split('\n').slice(-3).join('\n');
        throw new Error(`kube-apiserver exited ${apiserver.exitCode}:\n${log}`);
      }
      return ready(server);
    });
  await readyz().catch(abandon);

  const adminKubeconfig = path.join(dir, 'admin.kubeconfig');
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
  fs.writeFileSync(
    adminKubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: real
  cluster: { server: "${server}", certificate-authority-data: ${b64(ca)} }
users:
- name: admin
  user: { client-certificate-data: ${b64(admin.cert)}, client-key-data: ${b64(admin.key)} }
contexts:
- name: real-admin
  context: { cluster: real, user: admin }
current-context: real-admin
`,
    { mode: 0o600 },
  );

  const stopApiserver = async () => {
    // killed, as a crashed or OOM-killed API server goes: its graceful drain would hold watches for a minute
    apiserver.kill('SIGKILL');
    await exited(apiserver);
  };
  const startApiserver = async () => {
    apiserver = run(bin.apiserver, apiArgs, path.join(dir, 'kube-apiserver.log'));
    await readyz();
  };
  const etcdCall = async (api: string, body: unknown) => (await fetch(`${etcdUrl}/v3/${api}`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
  return {
    server, dir, caFile: pki.caCert, adminKubeconfig, versions: versions as { kubernetes: string; etcd: string }, etcdUrl,
    stopApiserver,
    startApiserver,
    async restartApiserver() {
      await stopApiserver();
      await startApiserver();
    },
    async startSecondApiserver() {
      const port = await freePort();
      const args = apiArgs.map((a, i) => (apiArgs[i - 1] === '--secure-port' ? String(port) : a));
      const second = run(bin.apiserver, args, path.join(dir, 'kube-apiserver-2.log'));
      const url = `https://127.0.0.1:${port}`;
      await until('the second kube-apiserver', 90_000, () => ready(url));
      return { server: url, stop: async () => { second.kill('SIGTERM'); await exited(second); } };
    },
    async stopEtcd() {
      etcd.kill('SIGKILL');
      await exited(etcd);
    },
    async startEtcd() {
      etcd = run(bin.etcd, etcdArgs, path.join(dir, 'etcd.log'));
      await etcdUp();
    },
    async compactEtcd() {
      const range = await etcdCall('kv/range', { key: b64('\0'), limit: 1 });
      const revision = Number((range.header as { revision: string }).revision);
      await etcdCall('kv/compaction', { revision: String(revision), physical: true });
      return revision;
    },
    async stop() {
      apiserver.kill('SIGTERM');
      await exited(apiserver);
      etcd.kill('SIGTERM');
      await exited(etcd);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
