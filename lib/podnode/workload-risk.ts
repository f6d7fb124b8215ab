// Which ways a workload can lose all its replicas at once, and a score to sort workloads by.
// The labels and explanations are shown as they are in the UI (column chips and their tooltips).

export type RiskFlagKey = 'allOnSpot' | 'oneZone' | 'oneNode' | 'spotWithoutPdb' | 'pdbBlocks';

export const RISK_FLAGS: ReadonlyArray<{ key: RiskFlagKey; label: string; explain: string }> = [
  {
    key: 'allOnSpot',
    label: 'all on spot',
    explain: 'Every scheduled replica runs on spot capacity, so one wave of spot reclaims can take them all down together.',
  },
  {
    key: 'oneZone',
    label: 'one zone',
    explain: 'All replicas run in a single availability zone, so a zone outage or a zone-wide spot reclaim takes the whole workload down.',
  },
  {
    key: 'oneNode',
    label: 'one node',
    explain: 'All replicas run on the same node, so losing that one node takes the whole workload down.',
  },
  {
    key: 'spotWithoutPdb',
    label: 'spot without PDB',
    explain: 'Its replicas on spot have no PodDisruptionBudget, so a drain or a consolidation may evict them all at once.',
  },
  {
    key: 'pdbBlocks',
    label: 'PDB allows 0',
    explain: 'A PodDisruptionBudget covering it allows no disruption right now, so drains and node upgrades stall on its pods (a spot reclaim does not wait).',
  },
];

/**
 * Weights of the risk score, highest for what takes every replica down most often: spot reclaims
 * are routine, so all-on-spot outweighs a single node (any node failure or replacement), which
 * outweighs a voluntary mass eviction (spot without PDB), which outweighs a zone outage (rare).
 * A PDB that allows nothing costs no availability, only stalled maintenance: it weighs least.
 * On top, up to SPOT_SHARE_WEIGHT for the share on spot, so a half-spot workload sorts above an
 * on-demand one with the same flags.
 */
const WEIGHTS: Readonly<Record<RiskFlagKey, number>> = { allOnSpot: 40, oneNode: 30, spotWithoutPdb: 20, oneZone: 15, pdbBlocks: 10 };
const SPOT_SHARE_WEIGHT = 10;

type RiskFlags = Record<RiskFlagKey, boolean>;

/** What the flags are read from (a workload row), and where they and the score are written. */
export type RiskSubject = RiskFlags & {
  kind: string;
  scheduled: number;
  spotReplicas: number;
  spotShare: number;
  zones: readonly string[];
  nodes: number;
  pdbs: readonly string[];
  disruptionsAllowed: number | null;
  risk: number;
};

/**
 * Sets the flags and the risk of `w`, given how many of its scheduled replicas have a known zone.
 * Written in place: this runs once per workload, tens of thousands of times per snapshot.
 *
 * The flags:
 * - allOnSpot: at least one replica scheduled, and every scheduled replica on spot.
 * - oneZone: two or more scheduled, all in one known zone (a single replica is trivially in one
 *   zone and one node; the other flags speak for it). Replicas on nodes without a zone label
 *   leave the question open, so they clear the flag.
 * - oneNode: two or more scheduled, all on one node.
 * - spotWithoutPdb: some replica on spot and no PDB selects any of the workload's pods.
 * - pdbBlocks: some PDB selecting its pods allows 0 disruptions.
 * DaemonSets run one pod per node by design: they are never flagged and score 0.
 */
export function scoreRisk(w: RiskSubject, zonedReplicas: number): void {
  if (w.kind === 'DaemonSet') {
    w.allOnSpot = w.oneZone = w.oneNode = w.spotWithoutPdb = w.pdbBlocks = false;
    w.risk = 0;
    return;
  }
  w.allOnSpot = w.scheduled > 0 && w.spotReplicas === w.scheduled;
  w.oneZone = w.scheduled >= 2 && w.zones.length === 1 && zonedReplicas === w.scheduled;
  w.oneNode = w.scheduled >= 2 && w.nodes === 1;
  w.spotWithoutPdb = w.spotReplicas > 0 && w.pdbs.length === 0;
  w.pdbBlocks = w.disruptionsAllowed === 0;
  let risk = SPOT_SHARE_WEIGHT * w.spotShare;
  for (const { key } of RISK_FLAGS) if (w[key]) risk += WEIGHTS[key];
  w.risk = Math.round(risk * 100) / 100;
}
