// The budgets and events a generated cluster starts with: deterministic for a seed, and an event
// for every pod its components would be reporting on.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/lib/podnode/types';
import { SimState } from './sim-state';
import { generateCluster } from './generate-cluster';
import { StartupCollector, loadExtras } from './bootstrap';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function boot(seed: number) {
  const state = new SimState(1000);
  const seen = new StartupCollector();
  const gen = generateCluster({ nodes: 30, pods: 900, profile: 'mixed', seed, namespaces: ['streamtech'], now: NOW },
    (pod) => { state.loadOne('pods', pod); seen.see(pod); });
  loadExtras(state, gen, seed, 5_000, seen, NOW);
  state.finishLoad();
  const all = (r: 'pods' | 'events' | 'poddisruptionbudgets') => state.tables[r].keys.map((k) => state.parse(r, k) as KubeObject);
  return { pods: all('pods'), events: all('events'), pdbs: all('poddisruptionbudgets') };
}

describe('startup budgets and events', () => {
  it('are the same for a seed and differ across seeds', () => {
    const a = boot(21);
    const b = boot(21);
    expect(JSON.stringify(a.pdbs)).toBe(JSON.stringify(b.pdbs));
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(JSON.stringify(boot(22).events)).not.toBe(JSON.stringify(a.events));
  });

  it('report every pod in trouble with its component\'s reason and message', () => {
    const { pods, events } = boot(21);
    const about = (p: KubeObject, reason: string) => events.filter((e) => e.reason === reason
      && (e.involvedObject as { uid?: string }).uid === p.metadata.uid);
    const waiting = (p: KubeObject) => ((p.status?.containerStatuses as Array<{ name: string; state: { waiting?: { reason?: string } } }> | undefined) ?? [])
      .find((c) => c.state.waiting?.reason === 'CrashLoopBackOff');
    let checked = 0;
    for (const p of pods) {
      const condition = (p.status?.conditions as Array<{ type: string; reason?: string; message?: string }> | undefined)?.find((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable');
      if (p.status?.phase === 'Pending' && !p.spec?.nodeName && condition) {
        expect(about(p, 'FailedScheduling').map((e) => [e.type, e.message, (e.source as { component: string }).component]))
          .toEqual([['Warning', condition.message, 'default-scheduler']]);
        checked++;
      } else if (p.status?.phase === 'Failed' && p.status.reason === 'Evicted') {
        expect(about(p, 'Evicted').map((e) => [e.type, e.message, e.source])).toEqual([['Warning', p.status.message, { component: 'kubelet', host: p.spec?.nodeName }]]);
        checked++;
      } else if (waiting(p)) {
        const [e] = about(p, 'BackOff');
        expect(e?.message).toBe(`Back-off restarting failed container ${waiting(p)!.name} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`);
        expect(e?.count).toBeGreaterThan(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e.reason === 'Preempted' && /^Preempted by pod [0-9a-f-]{36} on node \S+$/.test(String(e.message)))).toBe(true);
    expect(events.find((e) => e.reason === 'NoPods')).toMatchObject({ message: 'No matching pods found', involvedObject: { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1' } });
    // all within the event TTL: last seen in the past hour
    for (const e of events) expect(NOW - Date.parse(String(e.lastTimestamp))).toBeLessThanOrEqual(3_600_000);
  });

  it('refuses a second object under a key at load, rather than listing it twice', () => {
    const state = new SimState(1000);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'ns', uid: 'u1' } };
    state.loadOne('pods', pod);
    expect(() => state.loadOne('pods', { ...pod, metadata: { ...pod.metadata, uid: 'u2' } })).toThrow('pods ns/a loaded twice');
  });
});
