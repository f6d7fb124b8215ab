// Background churn: what a busy cluster does to a watcher — rollouts, spot interruptions,
// scale-ups and status flips — chosen by the seeded rng.
import type { ClusterModel } from './cluster';
import { createPodFor, interruptNode, key, pickNode } from './cluster';
import { handlerOf, interruptionNotice, rebalanceRecommendation } from './interruption';
import { revisionHash } from './workload-plan';
import { uid } from './prng';
import type { Workload } from './workload';

function deployments(m: ClusterModel): Workload[] {
  return m.gen.workloads.filter((w) => w.kind === 'Deployment' && w.name !== 'serverless-batch');
}

/** Pod keys of a workload that are not on its current revision. */
function stalePods(m: ClusterModel, w: Workload): string[] {
  const t = m.state.tables.pods;
  const prefix = `${w.namespace}/${w.name}-`;
  const out: string[] = [];
  for (let i = t.lowerBound(prefix); i < t.keys.length && out.length < 3; i++) {
    const k = t.keys[i] as string;
    if (!k.startsWith(prefix)) break;
    const e = t.byKey.get(k);
    const hash = e?.labels['pod-template-hash'];
    if (hash && hash !== w.revision && k.startsWith(`${prefix}${hash}-`)) out.push(k);
  }
  return out;
}

function rollout(m: ClusterModel): string {
  const ws = deployments(m);
  if (!ws.length) return 'noop';
  const w = m.gen.rng.pick(ws);
  let stale = stalePods(m, w);
  if (!stale.length) {
    m.workloadByOwner.delete(`${w.namespace}/${w.ownerName}`);
    w.revision = revisionHash(m.gen.rng);
    w.ownerName = `${w.name}-${w.revision}`;
    w.ownerUid = uid(m.gen.rng);
    m.workloadByOwner.set(`${w.namespace}/${w.ownerName}`, w);
    stale = stalePods(m, w);
  }
  for (const k of stale) {
    m.state.remove('pods', k);
    createPodFor(m, w, 'Pending', null);
  }
  return `rollout ${w.namespace}/${w.name} → ${w.revision} (${stale.length} replaced)`;
}

/** On AWS the handler gets a notice first and the node goes when it runs out (sometimes only a
 *  rebalance recommendation comes); elsewhere the node just goes. */
function interruption(m: ClusterModel): string {
  const spot = m.gen.nodes.filter((n) => n.spot && !m.notices.has(n.name));
  if (!spot.length) return flip(m);
  const n = m.gen.rng.pick(spot);
  if (handlerOf(n)) {
    if (!n.cordoned && m.eventRng.chance(0.25) && rebalanceRecommendation(m, n)) return `rebalance recommendation ${n.name}`;
    const notice = interruptionNotice(m, n.name);
    return `spot interruption notice ${n.name} (${notice.pods.length} pods, reclaim at ${notice.reclaimAt ?? 'never'})`;
  }
  interruptNode(m, n.name);
  return `spot interruption ${n.name}`;
}

/** The kubelet and the scheduler keep reporting a pod that stays in trouble: the same event, counted up. */
function repeatWarning(m: ClusterModel): void {
  if (!m.recurring.length) return;
  const i = m.eventRng.int(m.recurring.length);
  const spec = m.recurring[i];
  const ref = spec?.involved;
  const pod = ref ? m.state.parse('pods', key(ref.namespace ?? '', ref.name)) : undefined;
  if (!spec || !pod || pod.metadata.uid !== ref?.uid) { m.recurring.splice(i, 1); return; }
  m.events.record(spec);
}

function scaleUp(m: ClusterModel): string {
  const ws = deployments(m);
  if (!ws.length) return 'noop';
  const w = m.gen.rng.pick(ws);
  w.replicas++;
  const pod = createPodFor(m, w, 'Pending', null);
  return `scale-up ${w.namespace}/${w.name} +${pod.metadata.name}`;
}

/** Scale-downs balance scale-ups, so a demo left churning for hours keeps its size. */
function scaleDown(m: ClusterModel): string {
  const ws = deployments(m).filter((w) => w.replicas > 1);
  if (!ws.length) return scaleUp(m);
  const w = m.gen.rng.pick(ws);
  const t = m.state.tables.pods;
  const prefix = `${w.namespace}/${w.ownerName}-`;
  const k = t.keys[t.lowerBound(prefix)];
  if (!k || !k.startsWith(prefix)) return scaleUp(m);
  m.state.remove('pods', k);
  w.replicas--;
  return `scale-down ${w.namespace}/${w.name} -${k.slice(w.namespace.length + 1)}`;
}

/** A restart or readiness flip on a running pod. */
function flip(m: ClusterModel): string {
  const t = m.state.tables.pods;
  for (let attempt = 0; attempt < 20; attempt++) {
    const k = t.keys[m.gen.rng.int(t.keys.length)];
    const e = k ? t.byKey.get(k) : undefined;
    if (!e || e.fields['status.phase'] !== 'Running') continue;
    const pod = m.state.parse('pods', e.key);
    const all = pod?.status?.containerStatuses as Array<{ restartCount: number; ready: boolean }> | undefined;
    const cs = all?.[0];
    if (!pod || !all || !cs) continue;
    cs.restartCount++;
    cs.ready = !cs.ready || m.gen.rng.chance(0.5);
    // the kubelet's Ready and ContainersReady conditions follow the containers
    const ready = all.every((c) => c.ready) ? 'True' : 'False';
    for (const c of (pod.status?.conditions as Array<{ type: string; status: string }> | undefined) ?? []) {
      if (c.type === 'Ready' || c.type === 'ContainersReady') c.status = ready;
    }
    m.state.put('pods', pod);
    return `status flip ${e.key}`;
  }
  return 'noop';
}

function step(m: ClusterModel): string {
  const roll = m.gen.rng.next();
  if (roll < 0.5) return flip(m);
  if (roll < 0.75) return rollout(m);
  if (roll < 0.84) return scaleUp(m);
  if (roll < 0.92) return scaleDown(m);
  if (m.gen.nodes.length > 3) return interruption(m);
  return pickNode(m) ? flip(m) : 'noop';
}

export function churnOnce(m: ClusterModel): string {
  const did = step(m);
  if (m.eventRng.chance(0.1)) repeatWarning(m);
  return did;
}
