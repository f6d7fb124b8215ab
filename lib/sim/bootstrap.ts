// What startSim adds to a generated cluster before serving it: the PodDisruptionBudgets (status
// from the pods just loaded) and the events the cluster already holds, each from its own rng so
// the pods and nodes of a seed stay exactly as they were.
import type { KubeObject } from '@/lib/podnode/types';
import type { SimState } from './sim-state';
import type { GeneratedCluster } from './generate-cluster';
import { type Rng, createRng } from './prng';
import { PdbTracker } from './pdb-tracker';
import { makePdb, planPdbs } from './pdb-plan';
import { EventRecorder, type EventSpec } from './event-recorder';
import { type NotablePod, loadInitialEvents, notableOf } from './initial-events';
import type { PodRef } from './pod-events';

/** Sees each generated pod once, as it is loaded, and keeps the few the events are about. */
export class StartupCollector {
  readonly notable: NotablePod[] = [];
  readonly preemptors: Array<{ uid: string; node: string }> = [];

  see(pod: KubeObject): void {
    const n = notableOf(pod);
    if (n) this.notable.push(n);
    // system pods run at high priority: the ones a scheduler preempts others for
    const node = pod.spec?.nodeName;
    const priority = typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0;
    if (this.preemptors.length < 3 && typeof node === 'string' && priority > 0
      && pod.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet') this.preemptors.push({ uid: pod.metadata.uid, node });
  }
}

export type Extras = { events: EventRecorder; eventRng: Rng; pdbs: PdbTracker; recurring: EventSpec[] };

const DAY = 86_400_000;

export function loadExtras(state: SimState, gen: GeneratedCluster, seed: number, eventCap: number, seen: StartupCollector, now: number): Extras {
  const pdbRng = createRng(seed ^ 0x0bdb0d15);
  const eventRng = createRng(seed ^ 0x0e7e4751);
  const pdbs = new PdbTracker(state);
  const plans = planPdbs(pdbRng, gen.workloads);
  for (const p of plans) pdbs.track(p.namespace, p.name, p.selector, p.budget, p.workload);
  pdbs.countAll();
  const emptyPdbs: PodRef[] = [];
  for (const p of plans) {
    const created = now - DAY - pdbRng.int(200 * DAY);
    const pdb = makePdb(p, pdbRng, new Date(created), pdbs.status(`${p.namespace}/${p.name}`, created));
    state.loadOne('poddisruptionbudgets', pdb);
    if (!p.workload) emptyPdbs.push({ namespace: p.namespace, name: p.name, uid: pdb.metadata.uid, resourceVersion: pdb.metadata.resourceVersion });
  }
  const events = new EventRecorder(state, eventRng, eventCap);
  const recurring = loadInitialEvents(events, eventRng, { notable: seen.notable, preemptors: seen.preemptors, workloads: gen.workloads, emptyPdbs, now });
  return { events, eventRng, pdbs, recurring };
}
