// Keeps every PodDisruptionBudget's status current as pods change, like the disruption
// controller: counts come from the pod index (labels, the healthy flag), never from pod JSON,
// and budgets touched by a change are rewritten once, after the change (a queued microtask).
import type { KubeObject } from '@/lib/podnode/types';
import type { Entry } from './store';
import type { SimState } from './sim-state';
import type { HistoryEvent } from './history';
import type { Workload } from './workload';
import { type Requirement, matchesLabels } from './label-selector';
import type { LabelSelector } from './pdb-plan';
import { type PdbBudgetSpec, type PdbCondition, type PdbNumbers, pdbNumbers, pdbStatus } from './pdb-status';

type Tracked = {
  key: string; namespace: string; reqs: Requirement[]; budget: PdbBudgetSpec;
  workload: Workload | null; generation: number;
  matched: number; healthy: number; last?: PdbNumbers; condition?: PdbCondition;
};

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** metav1.LabelSelectorAsSelector: matchLabels are equalities, expressions map one to one */
function selectorRequirements(s: LabelSelector): Requirement[] {
  const reqs: Requirement[] = Object.entries(s.matchLabels ?? {}).map(([key, value]) => ({ key, op: 'eq', value }));
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In' || e.operator === 'NotIn') reqs.push({ key: e.key, op: e.operator === 'In' ? 'in' : 'notin', values: e.values ?? [] });
    else reqs.push({ key: e.key, op: e.operator === 'Exists' ? 'exists' : 'notexists' });
  }
  return reqs;
}

export class PdbTracker {
  private readonly tracked = new Map<string, Tracked>();
  /** `ns\0key\0value` of one equality each budget requires (`ns\0*` when it has none): the
   *  budgets a pod can match are found from its own labels, not by testing every budget */
  private readonly index = new Map<string, Tracked[]>();
  private readonly dirty = new Set<Tracked>();
  private queued = false;

  constructor(private readonly state: SimState) {}

  track(namespace: string, name: string, selector: LabelSelector, budget: PdbBudgetSpec, workload: Workload | null): void {
    const t: Tracked = { key: `${namespace}/${name}`, namespace, reqs: selectorRequirements(selector), budget, workload, generation: 1, matched: 0, healthy: 0 };
    this.tracked.set(t.key, t);
    const anchor = t.reqs.find((r) => r.op === 'eq' || (r.op === 'in' && r.values.length === 1));
    const value = anchor && (anchor.op === 'eq' ? anchor.value : anchor.op === 'in' ? anchor.values[0] : undefined);
    const slot = anchor && value !== undefined ? `${namespace}\0${anchor.key}\0${value}` : `${namespace}\0*`;
    const list = this.index.get(slot);
    if (list) list.push(t); else this.index.set(slot, [t]);
  }

  private matching(e: Entry): Tracked[] {
    const out: Tracked[] = [];
    const test = (list: Tracked[] | undefined) => { for (const t of list ?? []) if (matchesLabels(t.reqs, e.labels) && !out.includes(t)) out.push(t); };
    test(this.index.get(`${e.namespace}\0*`));
    for (const [k, v] of Object.entries(e.labels)) test(this.index.get(`${e.namespace}\0${k}\0${v}`));
    return out;
  }

  private count(e: Entry, sign: 1 | -1): void {
    for (const t of this.matching(e)) {
      t.matched += sign;
      if (e.healthy) t.healthy += sign;
      this.dirty.add(t);
    }
  }

  /** Counts the loaded pods once, at startup. */
  countAll(): void {
    for (const e of this.state.tables.pods.byKey.values()) this.count(e, 1);
    this.dirty.clear();
  }

  /** the status a budget has now; remembers it, so later writes happen only on a change */
  status(key: string, now = Date.now()): Record<string, unknown> {
    const t = this.tracked.get(key);
    if (!t) throw new Error(`pdb ${key} is not tracked`);
    return this.statusOf(t, now);
  }

  private statusOf(t: Tracked, now: number): Record<string, unknown> {
    // the scale of the workload's controller: its replicas, once any of its pods exists
    const scale = t.workload && t.matched > 0 ? t.workload.replicas : 0;
    t.last = pdbNumbers(t.budget, { matched: t.matched, healthy: t.healthy, scale });
    const status = pdbStatus(t.last, t.generation, iso(now), t.condition);
    t.condition = (status.conditions as PdbCondition[])[0];
    return status;
  }

  onEvent(ev: HistoryEvent): void {
    if (ev.resource !== 'pods') return;
    if (ev.prev) this.count(ev.prev, -1);
    if (ev.type !== 'DELETED') this.count(ev.entry, 1);
    if (this.dirty.size && !this.queued) { this.queued = true; queueMicrotask(() => this.flush()); }
  }

  /** Writes the budgets whose numbers changed (a MODIFIED event each, as the controller's status update). */
  flush(now = Date.now()): void {
    this.queued = false;
    const touched = [...this.dirty];
    this.dirty.clear();
    for (const t of touched) {
      const before = t.last;
      const status = this.statusOf(t, now);
      const after = t.last as PdbNumbers;
      if (before && before.expectedPods === after.expectedPods && before.desiredHealthy === after.desiredHealthy
        && before.currentHealthy === after.currentHealthy && before.disruptionsAllowed === after.disruptionsAllowed) continue;
      const pdb = this.state.parse('poddisruptionbudgets', t.key);
      if (!pdb) continue;
      pdb.status = status;
      this.state.put('poddisruptionbudgets', pdb as KubeObject);
    }
  }
}
