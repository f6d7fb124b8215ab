// Which workloads carry a PodDisruptionBudget, and the policy/v1 objects for them. Every budget
// shape appears at any cluster size: integer and percentage minAvailable, integer and percentage
// maxUnavailable, a matchExpressions selector, a budget that allows no disruption and one that
// selects nothing; beyond those a share of the other workloads get one, as Helm charts ship them.
import type { KubeObject } from '@/lib/podnode/types';
import type { Workload } from './workload';
import { type Rng, uid } from './prng';
import type { PdbBudgetSpec } from './pdb-status';
import { fieldsOf } from './managed-fields';

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
};

export type PdbPlan = {
  namespace: string; name: string; budget: PdbBudgetSpec; selector: LabelSelector;
  /** the workload whose replicas are the controller scale; null = selects no pods */
  workload: Workload | null;
  helm: boolean;
};

const iso = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** the labels its pods carry (make-pod.ts), as a chart's PDB template selects them */
function selectorFor(w: Workload, expressions: boolean): LabelSelector | null {
  if (!w.appLabel) return null;
  if (expressions) return { matchExpressions: [{ key: w.appLabel, operator: 'In', values: [w.name] }] };
  if (w.appLabel === 'app.kubernetes.io/name') return { matchLabels: { 'app.kubernetes.io/instance': w.name, 'app.kubernetes.io/name': w.name } };
  return { matchLabels: { [w.appLabel]: w.name } };
}

function randomBudget(rng: Rng, w: Workload): PdbBudgetSpec {
  const roll = rng.next();
  if (roll < 0.35) return { minAvailable: rng.chance(0.2) ? w.replicas : Math.max(1, w.replicas - 1) };
  if (roll < 0.55) return { minAvailable: '50%' };
  if (roll < 0.85) return { maxUnavailable: 1 };
  return { maxUnavailable: '25%' };
}

/** `workloads` as planWorkloads returns them: coredns, metrics-server, prometheus, then the feature workloads */
export function planPdbs(rng: Rng, workloads: readonly Workload[]): PdbPlan[] {
  const out: PdbPlan[] = [];
  const taken = new Set<string>();
  const add = (w: Workload | undefined, budget: PdbBudgetSpec, o: { name?: string; expressions?: boolean; helm?: boolean } = {}) => {
    const selector = w && selectorFor(w, o.expressions ?? false);
    const name = o.name ?? `${w?.name}-pdb`;
    if (!w || !selector || taken.has(`${w.namespace}/${name}`)) return;
    taken.add(`${w.namespace}/${name}`);
    out.push({ namespace: w.namespace, name, budget, selector, workload: w, helm: o.helm ?? true });
  };
  const [coredns, metrics, prometheus, api, web, worker] = workloads;
  add(coredns, { maxUnavailable: 1 }, { name: 'coredns', helm: false });
  // one replica and minAvailable 1: a drain can never evict it (a classic blocked node drain)
  add(metrics, { minAvailable: 1 }, { name: 'metrics-server' });
  add(prometheus, { minAvailable: 1 }, { name: 'prometheus' });
  add(api, { minAvailable: '50%' });
  add(web, { minAvailable: 2 }, { expressions: true, helm: false });
  add(worker, { maxUnavailable: '25%' });
  // left behind by an app that was removed: it selects nothing
  if (api && !taken.has(`${api.namespace}/legacy-billing`)) out.push({ namespace: api.namespace, name: 'legacy-billing', budget: { minAvailable: 1 }, selector: { matchLabels: { app: 'legacy-billing' } }, workload: null, helm: false });
  for (const w of workloads.slice(8)) {
    if ((w.kind !== 'Deployment' && w.kind !== 'StatefulSet') || !w.appLabel || !rng.chance(w.replicas > 1 ? 0.3 : 0.08)) continue;
    const expressions = rng.chance(0.1);
    add(w, randomBudget(rng, w), { name: rng.chance(0.5) ? w.name : `${w.name}-pdb`, expressions });
  }
  return out;
}

export function makePdb(p: PdbPlan, rng: Rng, createdAt: Date, status: Record<string, unknown>): KubeObject {
  const ts = iso(createdAt);
  const name = p.workload?.name ?? p.name;
  const labels = p.helm ? { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': name } : undefined;
  const annotations = p.helm ? { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': p.namespace } : undefined;
  // policy/v1 field order: minAvailable, selector, maxUnavailable
  const spec: Record<string, unknown> = {
    ...(p.budget.minAvailable !== undefined ? { minAvailable: p.budget.minAvailable } : {}),
    selector: p.selector,
    ...(p.budget.maxUnavailable !== undefined ? { maxUnavailable: p.budget.maxUnavailable } : {}),
  };
  return {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
    metadata: {
      name: p.name, namespace: p.namespace, uid: uid(rng), generation: 1, creationTimestamp: ts,
      ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}),
      managedFields: [
        { manager: p.helm ? 'helm' : 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'policy/v1', time: ts, fieldsType: 'FieldsV1',
          fieldsV1: fieldsOf({ metadata: { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) }, spec }) },
        { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'policy/v1', time: ts, fieldsType: 'FieldsV1', subresource: 'status',
          fieldsV1: fieldsOf({ status }) },
      ],
    },
    spec, status,
  };
}
