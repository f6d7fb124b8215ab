// Running tallies of one workload while workloadsOf walks the rows. Kept apart from the output
// row so the hot loop touches plain counters, and shaped to allocate as little as possible per
// row: at 150,000 rows, memory traffic and the garbage collector, not the arithmetic, are the cost.
import { CAPACITY_TYPES, type CapacityType, type KubeObject, type PodNodeRow } from './types';

export type WorkloadAcc = {
  namespace: string;
  kind: string;
  name: string;
  /** has an owner: bare pods add nothing to a PDB's expected scale, as in the controller */
  managed: boolean;
  replicas: number;
  /** replicas not being deleted: what the controller's spec.replicas counts, a PDB's expected scale */
  desired: number;
  ready: number;
  scheduled: number;
  spot: number;
  /** scheduled replicas whose node has a zone */
  zoned: number;
  cpu: number;
  memory: number;
  zones: Distinct<string> | null;
  /** the node object, or its name when the node is gone: objects compare by reference */
  nodes: Distinct<KubeObject | string> | null;
  capacityMask: number;
  /** indexes (in the PDB index) of the PDBs selecting any of its pods */
  pdbs: number[] | null;
  allowed: number | null;
};

/** Distinct values: a short list scanned linearly while small (a workload has a handful of
 *  nodes and zones, and a Set costs more to create than a few compares), a Set past that. */
type Distinct<T> = T[] | Set<T>;
const SMALL = 16;

function addDistinct<T>(d: Distinct<T> | null, value: T): Distinct<T> {
  if (d === null) return [value];
  if (!Array.isArray(d)) return d.add(value);
  for (let i = 0; i < d.length; i++) if (d[i] === value) return d;
  if (d.length < SMALL) {
    d.push(value);
    return d;
  }
  return new Set(d).add(value);
}

export const distinctCount = <T>(d: Distinct<T> | null): number => (d === null ? 0 : Array.isArray(d) ? d.length : d.size);

/** The strings in code-unit order (the list itself, sorted in place, while small). */
export function distinctSorted(d: Distinct<string> | null): string[] {
  if (d === null) return [];
  if (!Array.isArray(d)) return [...d].sort();
  // Insertion sort: a few zones, where Array.prototype.sort's set-up costs more than the work.
  for (let i = 1; i < d.length; i++) {
    const v = d[i]!;
    let j = i - 1;
    while (j >= 0 && d[j]! > v) {
      d[j + 1] = d[j]!;
      j--;
    }
    d[j + 1] = v;
  }
  return d;
}

const CAPACITY_BIT = Object.fromEntries(CAPACITY_TYPES.map((t, i) => [t, 1 << i])) as Record<CapacityType, number>;

export const capacityTypesOf = (mask: number): CapacityType[] => CAPACITY_TYPES.filter((t) => (mask & CAPACITY_BIT[t]) !== 0);

/** Workloads by namespace, kind and name, without building a key string per row. */
export class WorkloadTable {
  private readonly byNamespace = new Map<string, Map<string, Map<string, WorkloadAcc>>>();
  private last: WorkloadAcc | null = null;

  get(namespace: string, kind: string, name: string, managed: boolean): WorkloadAcc {
    // Rows of one workload tend to come together; skip the lookups when they do.
    const last = this.last;
    if (last !== null && last.name === name && last.kind === kind && last.namespace === namespace) return last;
    let kinds = this.byNamespace.get(namespace);
    if (!kinds) this.byNamespace.set(namespace, (kinds = new Map()));
    let names = kinds.get(kind);
    if (!names) kinds.set(kind, (names = new Map()));
    let acc = names.get(name);
    if (!acc) {
      acc = { namespace, kind, name, managed, replicas: 0, desired: 0, ready: 0, scheduled: 0, spot: 0, zoned: 0, cpu: 0, memory: 0, zones: null, nodes: null, capacityMask: 0, pdbs: null, allowed: null };
      names.set(name, acc);
    }
    this.last = acc;
    return acc;
  }

  /** All workloads by namespace, kind, then name. Sorting each small group apart costs fewer string
   *  compares than one sort of everything by three keys, and lets the caller order by risk with a
   *  stable numeric sort. */
  sorted(): WorkloadAcc[] {
    const out: WorkloadAcc[] = [];
    for (const namespace of [...this.byNamespace.keys()].sort()) {
      const kinds = this.byNamespace.get(namespace)!;
      for (const kind of [...kinds.keys()].sort()) {
        const names = kinds.get(kind)!;
        for (const name of [...names.keys()].sort()) out.push(names.get(name)!);
      }
    }
    return out;
  }
}

/** Counts a replica: a pod neither Succeeded nor Failed. */
export function tallyReplica(acc: WorkloadAcc, row: PodNodeRow, ready: boolean): void {
  acc.replicas++;
  if (ready) acc.ready++;
  acc.cpu += row.cpuRequest;
  acc.memory += row.memoryRequest;
  if (row.nodeName === null) return;
  acc.scheduled++;
  if (row.capacityType === 'spot') acc.spot++;
  acc.capacityMask |= CAPACITY_BIT[row.capacityType] ?? 0;
  acc.nodes = addDistinct<KubeObject | string>(acc.nodes, row.node ?? row.nodeName);
  if (row.zone !== null) {
    acc.zoned++;
    acc.zones = addDistinct(acc.zones, row.zone);
  }
}
