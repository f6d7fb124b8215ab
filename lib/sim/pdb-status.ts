// PodDisruptionBudget status as the disruption controller computes it (pkg/controller/disruption:
// getExpectedPodCount, countHealthyPods, updatePdbStatus and UpdateDisruptionAllowedCondition).
export type IntOrPercent = number | string;
export type PdbBudgetSpec = { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };

/** what the controller sees: pods the selector matches (any phase), the Ready ones not being
 *  deleted, and the summed scale of the controllers owning the matched pods */
export type PdbCounts = { matched: number; healthy: number; scale: number };

export type PdbNumbers = { expectedPods: number; desiredHealthy: number; currentHealthy: number; disruptionsAllowed: number };

export type PdbCondition = { type: 'DisruptionAllowed'; status: 'True' | 'False'; observedGeneration: number;
  lastTransitionTime: string; reason: 'SufficientPods' | 'InsufficientPods'; message: string };

/** intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true) */
export function scaledValue(value: IntOrPercent, total: number): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage: "${value}"`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

export function pdbNumbers(spec: PdbBudgetSpec, c: PdbCounts): PdbNumbers {
  let expectedPods = 0;
  let desiredHealthy = 0;
  if (spec.maxUnavailable !== undefined) {
    expectedPods = c.scale;
    desiredHealthy = Math.max(0, expectedPods - scaledValue(spec.maxUnavailable, expectedPods));
  } else if (spec.minAvailable !== undefined) {
    // an integer minAvailable needs no controller: it counts the matched pods themselves
    if (typeof spec.minAvailable === 'number') { desiredHealthy = spec.minAvailable; expectedPods = c.matched; }
    else { expectedPods = c.scale; desiredHealthy = scaledValue(spec.minAvailable, expectedPods); }
  }
  const currentHealthy = c.healthy;
  // a budget that expects no pods allows nothing, so its first pods are safe before the next sync
  const disruptionsAllowed = expectedPods <= 0 ? 0 : Math.max(0, currentHealthy - desiredHealthy);
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed };
}

/** The status object, field order as policy/v1 serialises it; the condition keeps its transition
 *  time while its status does not change (meta.SetStatusCondition). */
export function pdbStatus(n: PdbNumbers, generation: number, now: string, previous?: PdbCondition): Record<string, unknown> {
  const allowed = n.disruptionsAllowed > 0;
  const status = allowed ? 'True' : 'False';
  const condition: PdbCondition = {
    type: 'DisruptionAllowed', status, observedGeneration: generation,
    lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : now,
    reason: allowed ? 'SufficientPods' : 'InsufficientPods', message: '',
  };
  return { observedGeneration: generation, disruptionsAllowed: n.disruptionsAllowed, currentHealthy: n.currentHealthy,
    desiredHealthy: n.desiredHealthy, expectedPods: n.expectedPods, conditions: [condition] };
}
