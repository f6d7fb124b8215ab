// Decides which workloads exist (kinds, sizes, namespaces, features) for a target pod count.
// Every special feature appears at least once, so tests can rely on it at any size.
import type { Rng } from './prng';
import { nameSuffix, uid } from './prng';
import type { Workload, WorkloadKind } from './workload';

const APPS = ['api', 'web', 'worker', 'checkout', 'cart', 'catalog', 'search-indexer', 'recommender', 'auth', 'gateway',
  'billing', 'ledger', 'notifier', 'scheduler', 'ingest', 'transcoder', 'thumbnailer', 'feed', 'profile', 'inventory'] as const;
const TEAM_NAMESPACES = ['payments', 'search', 'checkout', 'data-pipeline', 'ml-serving', 'platform', 'identity'] as const;
const REPLICAS = [1, 2, 2, 3, 3, 4, 6, 8, 12, 20, 30] as const;
const APP_LABELS: Workload['appLabel'][] = ['app.kubernetes.io/name', 'app.kubernetes.io/name', 'app', 'app', 'k8s-app', null];

export const revisionHash = (rng: Rng): string => nameSuffix(rng, 10);

export function makeWorkload(rng: Rng, kind: WorkloadKind, name: string, namespace: string, replicas: number, extra: Partial<Workload> = {}): Workload {
  const revision = revisionHash(rng);
  const ownerName = kind === 'Deployment' ? `${name}-${revision}` : kind === 'Job' ? `${name}-${29000000 + rng.int(999999)}` : name;
  return {
    kind, name, namespace, replicas, revision, ownerName, ownerUid: uid(rng),
    ownerKind: kind === 'Deployment' ? 'ReplicaSet' : kind,
    appLabel: rng.pick(APP_LABELS), image: `registry.example.com/${namespace}/${name}:1.${rng.int(40)}.${rng.int(10)}`,
    init: rng.chance(0.1), sidecar: rng.chance(0.1), overhead: rng.chance(0.03), podResources: rng.chance(0.02),
    noLimits: rng.chance(0.2), tolerateSpot: rng.chance(0.5), ...extra,
  };
}

export const SYSTEM_DAEMONSETS = ['kube-proxy', 'node-exporter', 'fluent-bit'] as const;

/** Namespaced workloads (not DaemonSets) whose replicas sum to about `budget`. */
export function planWorkloads(rng: Rng, budget: number, extraNamespaces: readonly string[]): Workload[] {
  const out: Workload[] = [];
  const used = new Set<string>();
  const uniqueName = (ns: string, base: string): string => {
    let name = base;
    for (let i = 2; used.has(`${ns}/${name}`) && i < 10_000; i++) name = `${base}-${i}`;
    used.add(`${ns}/${name}`);
    return name;
  };
  const add = (kind: WorkloadKind, ns: string, base: string, replicas: number, extra: Partial<Workload> = {}) => {
    const w = makeWorkload(rng, kind, uniqueName(ns, base), ns, replicas, extra);
    out.push(w);
    budget -= replicas;
  };
  // kube-system and monitoring, as every cluster has them
  add('Deployment', 'kube-system', 'coredns', 2, { appLabel: 'k8s-app', noLimits: true });
  add('Deployment', 'kube-system', 'metrics-server', 1, { appLabel: 'k8s-app' });
  add('StatefulSet', 'monitoring', 'prometheus', 2, { appLabel: 'app.kubernetes.io/name', sidecar: true });
  // every feature at least once, in the namespaces the tests name first
  const namespaces = [...extraNamespaces, ...TEAM_NAMESPACES.filter((n) => !extraNamespaces.includes(n))];
  const ns = (i: number) => namespaces[i % namespaces.length] as string;
  add('Deployment', ns(0), 'api', 3, { init: true, sidecar: true, appLabel: 'app.kubernetes.io/name' });
  add('Deployment', ns(1), 'web', 3, { overhead: true, appLabel: 'app' });
  add('Deployment', ns(2), 'worker', 2, { podResources: true, noLimits: true, appLabel: 'k8s-app' });
  add('StatefulSet', ns(0), 'db', 3, { appLabel: null });
  add('Job', ns(1), 'report', 2, { appLabel: 'app' });
  for (let i = 0; budget > 0 && i < 1_000_000; i++) {
    const roll = rng.next();
    const kind: WorkloadKind = roll < 0.75 ? 'Deployment' : roll < 0.88 ? 'StatefulSet' : 'Job';
    const replicas = Math.min(budget, kind === 'Job' ? 1 + rng.int(3) : kind === 'StatefulSet' ? 3 : rng.pick(REPLICAS));
    add(kind, ns(i), rng.pick(APPS), replicas);
  }
  return out;
}
