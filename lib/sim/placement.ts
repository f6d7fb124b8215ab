// A small stand-in for the scheduler: pods go to the less loaded of a few random nodes that
// they tolerate, so node "requested %" figures look like a real cluster's instead of 300 %.
import type { KubeObject } from '@/lib/podnode/types';
import type { NodePool } from './node-pools';
import type { Rng } from './prng';

export type NodeInfo = {
  name: string; ip: string; spot: boolean; fargate: boolean; pool: NodePool; index: number;
  /** allocatable CPU and the CPU requested by pods bound to it, in millicores */
  cpuMilli: number; requestedMilli: number;
  /** tainted by an interruption notice or cordoned: the scheduler places nothing new there */
  cordoned?: boolean;
};

/** The CPU quantity forms the generator writes: "250m", "2", "1.5". */
export function cpuMillis(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
}

export function podCpuRequest(pod: KubeObject): number {
  const containers = (pod.spec?.containers as Array<{ resources?: { requests?: { cpu?: string } } }> | undefined) ?? [];
  return containers.reduce((n, c) => n + cpuMillis(c.resources?.requests?.cpu), 0);
}

/** NoSchedule taints keep ordinary pods off GPU and Fargate nodes; spot taints only bite pods without the toleration. */
function tolerates(node: NodeInfo, tolerateSpot: boolean): boolean {
  if (node.fargate || node.cordoned) return false;
  return (node.pool.taints ?? []).every((t) => t.effect !== 'NoSchedule' || (tolerateSpot && t.key === 'kubernetes.azure.com/scalesetpriority'));
}

export function leastLoaded(rng: Rng, nodes: readonly NodeInfo[], tolerateSpot: boolean): NodeInfo | undefined {
  let best: NodeInfo | undefined;
  for (let i = 0; i < 4; i++) {
    const n = nodes[rng.int(nodes.length)];
    if (!n || !tolerates(n, tolerateSpot)) continue;
    if (!best || n.requestedMilli / n.cpuMilli < best.requestedMilli / best.cpuMilli) best = n;
  }
  // fall back to a scan when the draws all hit tainted nodes (small clusters)
  return best ?? nodes.find((n) => tolerates(n, tolerateSpot)) ?? nodes.find((n) => !n.fargate);
}
