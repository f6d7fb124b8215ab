// PodDisruptionBudget (policy/v1) selection and budget math, mirroring the disruption controller
// (pkg/controller/disruption: getPodsForPdb, getExpectedPodCount, countHealthyPods and
// updatePdbStatus), so a workload view can say how many evictions a drain would get through.
import { compilePdbSelector, ownField } from './pdb-selector';
import type { KubeObject } from './types';

type PdbBudget = { expected: number; desiredHealthy: number; currentHealthy: number; disruptionsAllowed: number };

/** A budget, or why none can be computed (values the API server would have rejected). */
export type PdbBudgetResult = { budget: PdbBudget; reason: null } | { budget: null; reason: string };

/** What the controller reads of each selected pod. */
export type PdbPodState = { ready: boolean; terminating: boolean };

/** Whether the PDB covers the pod: same namespace, and its selector matches the pod's labels.
 *  Compiles the selector on every call; workloadsOf matches whole clusters through pdb-index.ts. */
export function pdbSelects(pdb: KubeObject, pod: KubeObject): boolean {
  if ((pdb.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) return false;
  return compilePdbSelector(ownField(pdb.spec, 'selector')).test(pod.metadata.labels);
}

const INT32_MAX = 2 ** 31 - 1;

type IntOrPercent = { value: number; percent: boolean };

function shown(raw: unknown): string {
  const text = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// The rules of ValidatePositiveIntOrPercent and IsNotMoreThan100Percent: what passes them is what
// the controller can compute with.
function intOrPercent(field: string, raw: unknown): IntOrPercent | string {
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 0 && raw <= INT32_MAX) return { value: raw, percent: false };
    return `${field} must be a non-negative integer, not ${shown(raw)}`;
  }
  if (typeof raw === 'string') {
    const digits = /^([0-9]+)%$/.exec(raw)?.[1];
    if (digits === undefined) return `${field} must be an integer or a percentage such as "50%", not ${shown(raw)}`;
    const value = Number(digits);
    if (value > 100) return `${field} must not be more than 100%, not ${shown(raw)}`;
    return { value, percent: true };
  }
  return `${field} must be an integer or a percentage, not ${shown(raw)}`;
}

// intstr.GetScaledValueFromIntOrPercent with roundUp = true, in the same float order as Go.
const scaled = (v: IntOrPercent, total: number): number => (v.percent ? Math.ceil((v.value * total) / 100) : v.value);

const invalid = (reason: string): PdbBudgetResult => ({ budget: null, reason });

/**
 * The budget from counts, for callers that tally pods without building a list of them.
 * `matched`: pods the selector selects (any phase, as the controller lists them); `healthy`: those
 * Ready and not being deleted; `expectedScale`: the summed scale of the controllers owning them.
 */
export function pdbBudgetOfCounts(pdb: KubeObject, matched: number, healthy: number, expectedScale: number): PdbBudgetResult {
  if (!Number.isSafeInteger(expectedScale) || expectedScale < 0) return invalid(`expected scale must be a non-negative integer, not ${shown(expectedScale)}`);
  const min = ownField(pdb.spec, 'minAvailable');
  const max = ownField(pdb.spec, 'maxUnavailable');
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (hasMin && hasMax) return invalid('minAvailable and maxUnavailable cannot both be set');
  // Neither field set (allowed in policy/v1, which has no default): the controller leaves expected
  // and desired at 0, and the expected <= 0 rule below then allows no disruption at all.
  let expected = 0;
  let desiredHealthy = 0;
  if (hasMax) {
    const v = intOrPercent('maxUnavailable', max);
    if (typeof v === 'string') return invalid(v);
    expected = expectedScale;
    desiredHealthy = Math.max(0, expected - scaled(v, expected));
  } else if (hasMin) {
    const v = intOrPercent('minAvailable', min);
    if (typeof v === 'string') return invalid(v);
    // An integer minAvailable needs no controller: it counts the selected pods themselves.
    expected = v.percent ? expectedScale : matched;
    desiredHealthy = scaled(v, expected);
  }
  // The controller allows nothing while it expects no pods, so a budget whose first pods appear
  // before its status catches up is safe rather than wide open.
  const disruptionsAllowed = expected <= 0 ? 0 : Math.max(0, healthy - desiredHealthy);
  return { budget: { expected, desiredHealthy, currentHealthy: healthy, disruptionsAllowed }, reason: null };
}

/** The disruption controller's budget for the pods a PDB selects. */
export function pdbBudget(pdb: KubeObject, matched: readonly PdbPodState[], expectedScale: number): PdbBudgetResult {
  let healthy = 0;
  for (const p of matched) if (p.ready && !p.terminating) healthy++;
  return pdbBudgetOfCounts(pdb, matched.length, healthy, expectedScale);
}

/**
 * The disruptions the eviction API will grant: the PDB's own status when the controller has seen
 * its current spec, else `computed`. The server value wins because the controller knows what a
 * pod list cannot: each controller's spec.replicas (pods only approximate it during rollouts),
 * evictions granted but not yet carried out (status.disruptedPods), and when to fail safe to 0
 * (e.g. a percentage budget over pods whose controller has no scale). Without a numeric
 * metadata.generation there is no telling whether the status is current, so it is not trusted.
 * (While the status lags, the eviction API refuses every eviction; that lasts one controller sync,
 * so the computed value, what the budget is about to settle at, is the more useful answer.)
 */
export function disruptionsAllowedOf(pdb: KubeObject, computed: number | null): number | null {
  const generation = ownField(pdb.metadata, 'generation');
  const observed = ownField(pdb.status, 'observedGeneration');
  const allowed = ownField(pdb.status, 'disruptionsAllowed');
  const current = typeof generation === 'number' && typeof observed === 'number' && observed >= generation;
  if (current && typeof allowed === 'number' && Number.isSafeInteger(allowed) && allowed >= 0) return allowed;
  return computed;
}
