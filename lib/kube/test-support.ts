// Shared by this folder's integration tests: a simulator, a cache wired to it over HTTP, and
// waitFor — tests wait on conditions, never on fixed sleeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startSim, type SimHandle, type SimOptions } from '@/lib/sim';
import type { KubeObject } from '@/lib/podnode/types';
import { ClusterCache, type ChangeBatch, type ClusterCacheOptions } from './cluster-cache';

export async function waitFor<T>(cond: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function simKubeConfig(sim: SimHandle): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  return kc;
}

export function cacheFor(sim: SimHandle, opts: Partial<ClusterCacheOptions> = {}): ClusterCache {
  return new ClusterCache({
    kc: simKubeConfig(sim),
    context: { name: 'podnode-sim', server: sim.url, simulated: true },
    batchWindowMs: 50,
    backoff: { baseMs: 50, capMs: 1000 },
    ...opts,
  }).start();
}

export async function startTestSim(opts: SimOptions = {}): Promise<SimHandle> {
  return startSim({ nodes: 20, pods: 300, seed: 7, churn: 0, bookmarkIntervalMs: 500, ...opts });
}

/** The sim's pods as the cache should hold them, by uid → resourceVersion. */
export function simPodVersions(sim: SimHandle): Map<string, string> {
  const out = new Map<string, string>();
  for (const { namespace, name } of sim.cluster.listPodNames()) {
    const p = sim.cluster.getPod(namespace, name);
    if (p) out.set(p.metadata.uid, p.metadata.resourceVersion ?? '');
  }
  return out;
}

export function cachePodVersions(cache: ClusterCache): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of cache.pods()) out.set(p.metadata.uid, p.metadata.resourceVersion ?? '');
  return out;
}

export function sameVersions(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Applies batches to a consumer-side map, as the row engine does, and fails on impossible input. */
export class BatchMirror {
  readonly pods = new Map<string, KubeObject>();
  readonly batches: ChangeBatch[] = [];
  constructor(cache: ClusterCache) {
    for (const p of cache.pods()) this.pods.set(p.metadata.uid, p);
    cache.subscribe((b) => {
      this.batches.push(b);
      const ups = new Set(b.pods.upserts.map((p) => p.metadata.uid));
      for (const d of b.pods.deletes) {
        if (ups.has(d.metadata.uid)) throw new Error(`uid ${d.metadata.uid} both upserted and deleted in one batch`);
        this.pods.delete(d.metadata.uid);
      }
      for (const u of b.pods.upserts) this.pods.set(u.metadata.uid, u);
    });
  }
  versions(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [uid, p] of this.pods) out.set(uid, p.metadata.resourceVersion ?? '');
    return out;
  }
}

/** Points this process at the simulator as its only kubeconfig (a private HOME, no in-cluster
 *  service account, no context override), as a dashboard started beside it would be; returns what
 *  undoes it. */
export async function useSimAsKubeconfig(sim: SimHandle): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-kubeconfig-'));
  await sim.writeKubeconfig(path.join(dir, 'kubeconfig'));
  const set = { KUBECONFIG: path.join(dir, 'kubeconfig'), HOME: dir, PODNODE_CONTEXT: '', KUBERNETES_SERVICE_HOST: '' };
  const saved = Object.fromEntries(Object.keys(set).map((k) => [k, process.env[k]]));
  Object.assign(process.env, set);
  return () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
