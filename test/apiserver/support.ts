// What the files of this suite share: whether a control plane can run here, kubectl's table
// output as records, a kubeconfig for a bearer token, and GETs against the simulator and the real
// server that answer in the same form, so one shapeDiff reads both.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import { parse } from 'yaml';
import { resolveKubeConfig } from '@/lib/kube/kubeconfig';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import type { SimHandle } from '@/lib/sim';
import { controlPlaneAvailable } from '../controlplane/control-plane';
import type { Kube } from './kube-client';

/** `describe`, or `describe.skip` with the reason said once (a failure where CI demands the suite). */
export function controlPlaneSuite(): typeof describe | typeof describe.skip {
  const available = controlPlaneAvailable();
  if (available.ok) return describe;
  if (process.env.PODNODE_REQUIRE_CONTROLPLANE === '1') throw new Error(`test:apiserver cannot run: ${available.why}`);
  console.warn(`test:apiserver skipped: ${available.why}`);
  return describe.skip;
}

/** kubectl's table output as records, cut at the header's column starts (cells may hold spaces). */
export function columns(table: string): Record<string, string>[] {
  const [header, ...lines] = table.trimEnd().split('\n');
  const starts = [...header!.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index! })); // "NOMINATED NODE" is one
  return lines.map((line) => Object.fromEntries(starts.map((c, i) => [c.name, line.slice(c.at, starts[i + 1]?.at ?? line.length).trim()])));
}

export function kubectlWith(kubeconfig: string, args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** kubectl without blocking this process: the simulator it talks to runs here. */
export function kubectlAsync(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** A kubeconfig for the admin kubeconfig's cluster with a bearer token as the user. */
export function tokenKubeconfig(adminKubeconfig: string, token: string, file: string): string {
  const admin = parse(fs.readFileSync(adminKubeconfig, 'utf8')) as { clusters: unknown[] };
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: admin.clusters, users: [{ name: 'sa', user: { token } }], contexts: [{ name: 'sa', context: { cluster: 'real', user: 'sa' } }], 'current-context': 'sa' }));
  return file;
}

/** The dashboard's cache on a kubeconfig, with short batches and backoff; each one made goes in `caches` to be stopped. */
export function cacheMaker(work: string, caches: ClusterCache[]) {
  return (kubeconfig: string, opts: Partial<ConstructorParameters<typeof ClusterCache>[0]> = {}): ClusterCache => {
    const resolved = resolveKubeConfig({ kubeconfigPath: kubeconfig, env: { HOME: work } })!;
    const cache = new ClusterCache({ kc: resolved.kc, context: resolved.context, batchWindowMs: 50, backoff: { baseMs: 100, capMs: 2000 }, ...opts }).start();
    caches.push(cache);
    return cache;
  };
}

export type Answer = { status: number; body: unknown };

export const SIM_TOKEN = 'podnode-sim-token';

export async function simGet(s: SimHandle, p: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${s.url}${p}`, { headers: { Accept: 'application/json', Authorization: `Bearer ${SIM_TOKEN}`, ...headers } });
  const text = await res.text();
  return { status: res.status, body: text.trim().startsWith('{') && !text.includes('\n{') ? JSON.parse(text) : text };
}

export async function realGet(kube: Kube, p: string, headers: Record<string, string> = {}): Promise<Answer> {
  const r = await kube.request('GET', p, undefined, headers);
  return { status: r.status, body: r.body ?? r.text };
}

/** What kubectl asks for when it prints a table. */
export const TABLE_ACCEPT = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' };

/** Intended difference: the simulator streams LIST items from the same stored bytes as watch
 *  events, so each item carries apiVersion and kind; clients (ours, client-go, kubectl) accept both. */
export const LIST_INTENDED = /^items\[\]\.(apiVersion|kind)$/;

export const workDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
