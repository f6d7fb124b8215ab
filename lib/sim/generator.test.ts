import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/lib/podnode/types';
import { GONE_NODE, generateCluster } from './generate-cluster';
import type { SimProfile } from './types';

const NOW = Date.parse('2026-11-25T12:00:00Z');
function gen(opts: Partial<{ nodes: number; pods: number; profile: SimProfile; seed: number; namespaces: string[] }> = {}) {
  const pods: KubeObject[] = [];
  const g = generateCluster({ nodes: 40, pods: 800, profile: 'mixed', seed: 42, namespaces: ['streamtech', 'content', 'commerce'], now: NOW, ...opts },
    (p) => pods.push(p));
  return { ...g, pods };
}

describe('generateCluster', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = gen();
    const b = gen();
    const c = gen({ seed: 43 });
    expect(JSON.stringify(a.pods)).toBe(JSON.stringify(b.pods));
    expect(JSON.stringify(a.nodeObjects)).toBe(JSON.stringify(b.nodeObjects));
    expect(JSON.stringify(a.pods)).not.toBe(JSON.stringify(c.pods));
  });

  it('produces about the requested number of pods and nodes', () => {
    for (const [nodes, pods] of [[10, 100], [40, 800], [100, 5000]] as const) {
      const g = gen({ nodes, pods });
      expect(g.nodeObjects).toHaveLength(nodes);
      expect(Math.abs(g.pods.length - pods) / pods).toBeLessThan(0.1);
    }
  });

  it('carries every capacity-type and node-group label variant in the mixed profile', () => {
    const labels = gen().nodeObjects.map((n) => n.metadata.labels ?? {});
    const has = (k: string, v?: string) => labels.some((l) => (v === undefined ? k in l : l[k] === v));
    for (const v of ['spot', 'on-demand', 'reserved']) expect(has('karpenter.sh/capacity-type', v), v).toBe(true);
    for (const v of ['SPOT', 'ON_DEMAND', 'CAPACITY_BLOCK']) expect(has('eks.amazonaws.com/capacityType', v), v).toBe(true);
    expect(has('eks.amazonaws.com/compute-type', 'fargate')).toBe(true);
    expect(has('node.kubernetes.io/lifecycle', 'spot') && has('node.kubernetes.io/lifecycle', 'normal')).toBe(true);
    expect(has('lifecycle', 'Ec2Spot') && has('lifecycle', 'OnDemand')).toBe(true);
    expect(has('node-role.kubernetes.io/spot-worker', 'true') && has('aws.amazon.com/spot', 'true')).toBe(true);
    expect(has('spotinst.io/node-lifecycle', 'spot') && has('spotinst.io/node-lifecycle', 'od')).toBe(true);
    expect(has('cloud.google.com/gke-spot', 'true') && has('cloud.google.com/gke-preemptible', 'true')).toBe(true);
    expect(has('cloud.google.com/gke-provisioning', 'standard') && has('cloud.google.com/gke-provisioning', 'spot')).toBe(true);
    expect(has('kubernetes.azure.com/scalesetpriority', 'spot')).toBe(true);
    expect(labels.some((l) => 'kubernetes.azure.com/agentpool' in l && !('kubernetes.azure.com/scalesetpriority' in l))).toBe(true);
    for (const k of ['eks.amazonaws.com/nodegroup', 'karpenter.sh/nodepool', 'cloud.google.com/gke-nodepool', 'kubernetes.azure.com/agentpool',
      'alpha.eksctl.io/nodegroup-name', 'kops.k8s.io/instancegroup', 'nodegroup']) expect(has(k), k).toBe(true);
    const groupKeys = /nodegroup|nodepool|agentpool|instancegroup/;
    expect(labels.some((l) => !Object.keys(l).some((k) => groupKeys.test(k)))).toBe(true);
    expect(labels.every((l) => l['topology.kubernetes.io/zone'] && l['node.kubernetes.io/instance-type'])).toBe(true);
  });

  it('gives each profile its own cloud labels', () => {
    const keyOf: Record<Exclude<SimProfile, 'mixed'>, string> = { eks: 'eks.amazonaws.com/nodegroup', karpenter: 'karpenter.sh/nodepool',
      gke: 'cloud.google.com/gke-nodepool', aks: 'kubernetes.azure.com/agentpool' };
    for (const [profile, key] of Object.entries(keyOf)) {
      const g = gen({ profile: profile as SimProfile, nodes: 12, pods: 200 });
      expect(g.nodeObjects.some((n) => key in (n.metadata.labels ?? {})), profile).toBe(true);
    }
  });

  it('averages at least 4 KB of JSON per pod', () => {
    const { pods } = gen();
    const avg = pods.reduce((n, p) => n + JSON.stringify(p).length, 0) / pods.length;
    expect(avg).toBeGreaterThanOrEqual(4096);
  });

  it('runs exactly one pod of each DaemonSet on every non-fargate node', () => {
    const g = gen();
    const regular = g.nodes.filter((n) => !n.fargate).map((n) => n.name).sort();
    expect(g.daemonSets.length).toBeGreaterThan(0);
    for (const ds of g.daemonSets) {
      const onNodes = g.pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet' && p.metadata.ownerReferences[0].name === ds.name)
        .map((p) => p.spec?.nodeName as string).sort();
      expect(onNodes).toEqual(regular);
    }
  });

  it('never gives two pods one name, even where the random suffixes collide', () => {
    // seed 23 at this size draws one DaemonSet pod's five-character suffix twice
    const g = gen({ nodes: 1000, pods: 4000, seed: 23, namespaces: [] });
    // the collision this test is about happened (if not, pick a seed that draws one)
    expect(g.nameRedraws).toBeGreaterThan(0);
    const names = g.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
    const regular = g.nodes.filter((n) => !n.fargate).length;
    for (const ds of g.daemonSets) expect(g.pods.filter((p) => p.metadata.ownerReferences?.[0]?.name === ds.name)).toHaveLength(regular);
  });

  it('places pods like a scheduler: tainted nodes only take tolerating pods, CPU requests stay under allocatable', () => {
    const g = gen();
    const byName = new Map(g.nodes.map((n) => [n.name, n]));
    for (const p of g.pods) {
      const node = byName.get(p.spec?.nodeName as string);
      if (!node || p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet') continue;
      const tolerations = JSON.stringify(p.spec?.tolerations ?? []);
      for (const t of node.pool.taints ?? []) {
        if (t.effect === 'NoSchedule' && !node.fargate) expect(tolerations, `${p.metadata.name} on ${node.name}`).toContain(t.key);
      }
    }
    for (const n of g.nodes.filter((x) => !x.fargate)) expect(n.requestedMilli / n.cpuMilli, n.name).toBeLessThan(1);
  });

  it('contains every special pod the later layers must handle', () => {
    const { pods } = gen();
    const some = (what: string, pred: (p: KubeObject) => boolean) => expect(pods.some(pred), what).toBe(true);
    const cs = (p: KubeObject) => (p.status?.containerStatuses as Array<Record<string, unknown>> | undefined) ?? [];
    some('unschedulable', (p) => p.status?.phase === 'Pending' && !p.spec?.nodeName
      && (p.status?.conditions as Array<{ reason?: string }>).some((c) => c.reason === 'Unschedulable'));
    some('evicted', (p) => p.status?.phase === 'Failed' && p.status.reason === 'Evicted');
    some('completed', (p) => p.status?.phase === 'Succeeded' && p.metadata.ownerReferences?.[0]?.kind === 'Job');
    some('terminating', (p) => !!p.metadata.deletionTimestamp);
    some('crashloop', (p) => cs(p).some((c) => (c.state as { waiting?: { reason?: string } }).waiting?.reason === 'CrashLoopBackOff'));
    some('node gone', (p) => p.spec?.nodeName === GONE_NODE);
    some('init container', (p) => (p.spec?.initContainers as Array<{ restartPolicy?: string }> | undefined)?.some((c) => !c.restartPolicy) ?? false);
    some('sidecar', (p) => (p.spec?.initContainers as Array<{ restartPolicy?: string }> | undefined)?.some((c) => c.restartPolicy === 'Always') ?? false);
    some('overhead', (p) => !!p.spec?.overhead);
    some('pod-level resources', (p) => !!p.spec?.resources);
    some('in-place resize', (p) => cs(p).some((c) => !!c.resources));
    some('no limits', (p) => (p.spec?.containers as Array<{ resources: { limits?: unknown } }>).some((c) => !c.resources.limits));
    some('secretKeyRef env', (p) => JSON.stringify(p.spec?.containers).includes('secretKeyRef'));
    some('literal secret-looking env', (p) => JSON.stringify(p.spec?.containers).includes('sk_live_'));
    some('StatefulSet', (p) => p.metadata.ownerReferences?.[0]?.kind === 'StatefulSet');
    some('ReplicaSet with pod-template-hash', (p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet' && !!p.metadata.labels?.['pod-template-hash']);
    for (const label of ['app.kubernetes.io/name', 'app', 'k8s-app']) some(label, (p) => !!p.metadata.labels?.[label]);
    some('no app label', (p) => !['app.kubernetes.io/name', 'app', 'k8s-app'].some((k) => p.metadata.labels?.[k]));
    some('managedFields', (p) => Array.isArray(p.metadata.managedFields));
    some('last-applied', (p) => !!p.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
  });

  it('creates the requested namespaces with workloads in them', () => {
    const g = gen();
    const names = g.namespaces.map((n) => n.metadata.name);
    for (const ns of ['streamtech', 'content', 'commerce', 'kube-system', 'default']) expect(names).toContain(ns);
    for (const ns of ['streamtech', 'content', 'commerce']) {
      expect(g.pods.filter((p) => p.metadata.namespace === ns && p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet').length, ns).toBeGreaterThan(0);
    }
  });

  it('rejects bad options with a clear message', () => {
    expect(() => gen({ nodes: 0 })).toThrow(/nodes must be/);
    expect(() => gen({ namespaces: ['Bad_NS'] })).toThrow(/not a valid DNS label/);
  });
});
