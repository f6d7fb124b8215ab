// Per-workload spot risk: PodNode rows grouped by their top owner, with where the replicas run
// and what the PodDisruptionBudgets over them allow. Runs over every row of a cluster (150k), so
// rows are tallied into one accumulator per workload (workload-acc.ts) and PDB matching goes
// through an index (pdb-index.ts) into a reused buffer.
import type { CapacityType, KubeObject, PodNodeRow } from './types';
import { indexPdbs, type IndexedPdb } from './pdb-index';
import { disruptionsAllowedOf, pdbBudgetOfCounts } from './pdb';
import { isPodReady, isTerminalPhase, podStatus } from './pod-shape';
import { capacityTypesOf, distinctCount, distinctSorted, tallyReplica, WorkloadTable, type WorkloadAcc } from './workload-acc';
import { scoreRisk } from './workload-risk';

export type WorkloadRow = {
  /** `${namespace}/${kind}/${name}` */
  id: string;
  namespace: string;
  /** the top owner (a Deployment rather than its ReplicaSet); 'Pod' for a pod without owner */
  kind: string;
  name: string;
  /** pods not Succeeded or Failed */
  replicas: number;
  /** replicas whose Ready condition is True */
  ready: number;
  /** replicas with a node */
  scheduled: number;
  spotReplicas: number;
  /** spotReplicas / scheduled, 3 decimals; 0 when none is scheduled */
  spotShare: number;
  /** distinct zones of the scheduled replicas, sorted; nodes without a zone label add none */
  zones: string[];
  /** distinct nodes of the scheduled replicas */
  nodes: number;
  /** of the scheduled replicas, in CAPACITY_TYPES order */
  capacityTypes: CapacityType[];
  cpuRequest: number;
  memoryRequest: number;
  /** names of the PDBs selecting at least one of its pods, sorted */
  pdbs: string[];
  /** the least any of its PDBs allows; null without a PDB (or when none can be computed) */
  disruptionsAllowed: number | null;
  // The flags, defined (and explained for the UI) in workload-risk.ts; all false for DaemonSets.
  allOnSpot: boolean;
  oneZone: boolean;
  oneNode: boolean;
  spotWithoutPdb: boolean;
  pdbBlocks: boolean;
  /** sort key, higher is worse (weights in workload-risk.ts) */
  risk: number;
  /** never: a workload may have thousands of pods */
  podNames?: never;
};

/**
 * One row per workload that has replicas (a workload whose pods all finished, such as a completed
 * Job, is left out), sorted by risk (worst first), then namespace, kind and name.
 *
 * PDBs follow the disruption controller: a PDB's budget is computed over every pod it selects in
 * `rows` (of any phase and any workload), with the summed replicas of the workloads it touches as
 * its expected scale, and is then attributed to each of those workloads. Pass all rows of a
 * namespace, or its PDBs are judged on part of their pods.
 */
export function workloadsOf(rows: Iterable<PodNodeRow>, pdbs: Iterable<KubeObject>): WorkloadRow[] {
  const index = indexPdbs(pdbs);
  const n = index.all.length;
  const matched = new Array<number>(n).fill(0);
  const healthy = new Array<number>(n).fill(0);
  const touched: WorkloadAcc[][] = Array.from({ length: n }, () => []);
  const table = new WorkloadTable();
  const hits: IndexedPdb[] = [];

  for (const row of rows) {
    const { ownerKind, ownerName, pod } = row;
    const managed = ownerKind !== null && ownerName !== null;
    const acc = table.get(row.namespace, managed ? ownerKind : 'Pod', managed ? ownerName : row.podName, managed);
    const hitCount = n === 0 ? 0 : index.selecting(row.namespace, pod.metadata.labels, hits);
    const terminal = isTerminalPhase(podStatus(pod).phase);
    if (terminal && hitCount === 0) continue;
    const ready = isPodReady(pod);
    const terminating = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
    if (!terminal) tallyReplica(acc, row, ready);
    // a pod being deleted has its replacement already: the controller's spec.replicas counts one
    if (!terminal && !terminating) acc.desired++;
    if (hitCount === 0) continue;
    for (let i = 0; i < hitCount; i++) {
      const p = hits[i]!.index;
      matched[p]!++;
      if (ready && !terminating) healthy[p]!++;
      // A workload has few PDBs: a short scan beats a Set per PDB.
      const own = (acc.pdbs ??= []);
      if (!own.includes(p)) {
        own.push(p);
        touched[p]!.push(acc);
      }
    }
  }

  for (const p of index.all) {
    const workloads = touched[p.index]!;
    if (workloads.length === 0) continue;
    let scale = 0;
    for (const acc of workloads) if (acc.managed) scale += acc.desired;
    const { budget } = pdbBudgetOfCounts(p.pdb, matched[p.index]!, healthy[p.index]!, scale);
    const allowed = disruptionsAllowedOf(p.pdb, budget ? budget.disruptionsAllowed : null);
    if (allowed === null) continue;
    for (const acc of workloads) acc.allowed = acc.allowed === null ? allowed : Math.min(acc.allowed, allowed);
  }

  const out: WorkloadRow[] = [];
  for (const acc of table.sorted()) if (acc.replicas > 0) out.push(toWorkloadRow(acc, index.all));
  // Array.prototype.sort is stable: ties keep the namespace, kind, name order.
  return out.sort((a, b) => b.risk - a.risk);
}

function toWorkloadRow(acc: WorkloadAcc, pdbs: readonly IndexedPdb[]): WorkloadRow {
  const row: WorkloadRow = {
    id: `${acc.namespace}/${acc.kind}/${acc.name}`,
    namespace: acc.namespace,
    kind: acc.kind,
    name: acc.name,
    replicas: acc.replicas,
    ready: acc.ready,
    scheduled: acc.scheduled,
    spotReplicas: acc.spot,
    spotShare: acc.scheduled > 0 ? Math.round((acc.spot / acc.scheduled) * 1000) / 1000 : 0,
    zones: distinctSorted(acc.zones),
    nodes: distinctCount(acc.nodes),
    capacityTypes: capacityTypesOf(acc.capacityMask),
    cpuRequest: acc.cpu,
    memoryRequest: acc.memory,
    pdbs: acc.pdbs ? acc.pdbs.map((i) => pdbs[i]!.name).sort() : [],
    disruptionsAllowed: acc.allowed,
    allOnSpot: false,
    oneZone: false,
    oneNode: false,
    spotWithoutPdb: false,
    pdbBlocks: false,
    risk: 0,
  };
  scoreRisk(row, acc.zoned);
  return row;
}
