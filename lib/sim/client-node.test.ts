// @kubernetes/client-node 1.4 accepts the simulator: kubeconfig, typed paged LIST, informer sync
// and live events, and an informer relist after the 410 a restart without continuity causes.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';

let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 8, pods: 120, seed: 21 }); });
afterAll(async () => { await sim.stop(); });

function until(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (pred()) { clearInterval(tick); resolve(); } else if (Date.now() - started > timeoutMs) { clearInterval(tick); reject(new Error(`timed out: ${what}`)); }
    }, 20);
  });
}

describe('@kubernetes/client-node against the simulator', () => {
  it('loads the kubeconfig and pages a typed LIST', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    expect(kc.getCurrentContext()).toBe('podnode-sim');
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const names: string[] = [];
    let cont: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await api.listPodForAllNamespaces({ limit: 25, _continue: cont });
      names.push(...page.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
      cont = page.metadata?._continue;
      if (!cont) break;
    }
    expect(names.sort()).toEqual(sim.cluster.listPodNames().map((p) => `${p.namespace}/${p.name}`).sort());
  });

  it('reads PodDisruptionBudgets (PolicyV1Api) and events typed', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const pdbs = await kc.makeApiClient(k8s.PolicyV1Api).listPodDisruptionBudgetForAllNamespaces({ limit: 3 });
    expect(pdbs.items).toHaveLength(3);
    const coredns = await kc.makeApiClient(k8s.PolicyV1Api).readNamespacedPodDisruptionBudget({ namespace: 'kube-system', name: 'coredns' });
    expect(coredns.spec?.maxUnavailable).toBe(1);
    expect(coredns.status?.conditions?.[0]?.type).toBe('DisruptionAllowed');
    expect(coredns.status?.conditions?.[0]?.lastTransitionTime).toBeInstanceOf(Date);
    const events = await kc.makeApiClient(k8s.CoreV1Api).listEventForAllNamespaces();
    expect(events.items.length).toBe(sim.cluster.listEvents().length);
    expect(events.items.every((e) => e.involvedObject.kind && e.lastTimestamp instanceof Date)).toBe(true);
  });

  it('an informer syncs, sees live events, and relists after a restart without resourceVersion continuity', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/pods', () => api.listPodForAllNamespaces());
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on('update', (p) => seen.push(`update ${p.metadata?.name} ${p.metadata?.labels?.probe ?? ''}`));
    informer.on('delete', (p) => seen.push(`delete ${p.metadata?.name}`));
    informer.on('error', (e) => { errors.push(e); void informer.start(); });
    await informer.start();
    try {
      await until(() => informer.list().length === sim.cluster.pods(), 'initial sync');
      const [a, b] = sim.cluster.listPodNames();
      sim.cluster.mutatePod(a!.namespace, a!.name, (p) => { p.metadata.labels = { ...p.metadata.labels, probe: 'one' }; });
      await until(() => seen.includes(`update ${a!.name} one`), 'update event');
      sim.resetStats();
      sim.faults.apply({ restart: { keepResourceVersion: false } });
      sim.cluster.deletePod(b!.namespace, b!.name);
      await until(() => (sim.stats().listChains.pods ?? 0) >= 1 && informer.list().length === sim.cluster.pods(), 'relist after 410');
      expect(informer.list().some((p) => p.metadata?.name === b!.name)).toBe(false);
      sim.cluster.mutatePod(a!.namespace, a!.name, (p) => { p.metadata.labels = { ...p.metadata.labels, probe: 'two' }; });
      await until(() => seen.includes(`update ${a!.name} two`), 'events after the relist');
    } finally {
      await informer.stop();
    }
  });
});
