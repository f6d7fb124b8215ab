import { describe, expect, it } from 'vitest';
import { toPodNodeRow } from './join';
import { capacityNode, condition, container, makePdb, makePod, makeNode } from './test-fixtures';
import type { KubeObject, PodNodeRow } from './types';
import { RISK_FLAGS } from './workload-risk';
import { workloadsOf, type WorkloadRow } from './workloads';

const spotA = capacityNode('spot-a', 'spot', 'zone-a');
const spotA2 = capacityNode('spot-a2', 'spot', 'zone-a');
const spotB = capacityNode('spot-b', 'spot', 'zone-b');
const onDemandB = capacityNode('od-b', 'on-demand', 'zone-b');
const onDemandC = capacityNode('od-c', 'on-demand', 'zone-c');
const noZone = capacityNode('od-nozone', 'on-demand');

type ReplicaInit = { namespace?: string; labels?: Record<string, string>; ready?: boolean; phase?: string; terminating?: boolean; cpu?: string; memory?: string; name?: string };

/** A pod of `owner` (a Deployment goes through its ReplicaSet) on `node`, or unscheduled. */
function replica(owner: { kind: string; name: string } | null, node: KubeObject | null, init: ReplicaInit = {}): PodNodeRow {
  const hash = 'abc12';
  const deployment = owner?.kind === 'Deployment';
  const pod = makePod({
    namespace: init.namespace ?? 'shop',
    ...(init.name ? { name: init.name } : {}),
    labels: { ...(owner ? { app: owner.name } : {}), ...(deployment ? { 'pod-template-hash': hash } : {}), ...init.labels },
    ...(owner ? { ownerReferences: [{ kind: deployment ? 'ReplicaSet' : owner.kind, name: deployment ? `${owner.name}-${hash}` : owner.name, controller: true }] } : {}),
    ...(init.terminating ? { deletionTimestamp: '2026-11-25T11:00:00Z' } : {}),
    spec: {
      ...(node ? { nodeName: node.metadata.name } : {}),
      containers: [container('app', { requests: { cpu: init.cpu ?? '100m', memory: init.memory ?? '128Mi' } })],
    },
    status: { phase: init.phase ?? (node ? 'Running' : 'Pending'), conditions: [condition('Ready', init.ready === false || !node ? 'False' : 'True')] },
  });
  return toPodNodeRow(pod, node ?? undefined);
}

const deploy = (name: string) => ({ kind: 'Deployment', name });
const byName = (rows: WorkloadRow[]): Map<string, WorkloadRow> => new Map(rows.map((w) => [w.name, w]));
const flagsOf = (w: WorkloadRow | undefined): string[] => RISK_FLAGS.filter((f) => w?.[f.key]).map((f) => f.key);
const mi = 1024 ** 2;

describe('workloadsOf: where replicas run', () => {
  it('sums a Deployment spread over zones, nodes and capacity types', () => {
    const web = deploy('web');
    const rows = [replica(web, spotA, { cpu: '250m', memory: '256Mi' }), replica(web, onDemandB, { cpu: '250m', memory: '256Mi' }), replica(web, spotB, { ready: false, cpu: '250m', memory: '256Mi' })];
    expect(workloadsOf(rows, [])).toEqual([
      {
        id: 'shop/Deployment/web',
        namespace: 'shop',
        kind: 'Deployment',
        name: 'web',
        replicas: 3,
        ready: 2,
        scheduled: 3,
        spotReplicas: 2,
        spotShare: 0.667,
        zones: ['zone-a', 'zone-b'],
        nodes: 3,
        capacityTypes: ['spot', 'on-demand'],
        cpuRequest: 750,
        memoryRequest: 768 * mi,
        pdbs: [],
        disruptionsAllowed: null,
        allOnSpot: false,
        oneZone: false,
        oneNode: false,
        spotWithoutPdb: true,
        pdbBlocks: false,
        risk: 26.67, // spot without PDB 20 + 10 × 0.667
      },
    ]);
  });

  it('flags replicas crowded on one spot node', () => {
    const cache = deploy('cache');
    const [w] = workloadsOf([replica(cache, spotA), replica(cache, spotA)], []);
    expect(w).toMatchObject({ replicas: 2, scheduled: 2, spotShare: 1, zones: ['zone-a'], nodes: 1, capacityTypes: ['spot'], risk: 115 });
    expect(flagsOf(w)).toEqual(['allOnSpot', 'oneZone', 'oneNode', 'spotWithoutPdb']);
  });

  it('tells one zone from one node', () => {
    const api = deploy('api');
    const [w] = workloadsOf([replica(api, spotA), replica(api, spotA2)], []);
    expect(w).toMatchObject({ nodes: 2, zones: ['zone-a'] });
    expect(flagsOf(w)).toEqual(['allOnSpot', 'oneZone', 'spotWithoutPdb']);
  });

  it('does not call a single replica one zone or one node', () => {
    const [onSpot] = workloadsOf([replica(deploy('solo'), spotA)], []);
    expect(flagsOf(onSpot)).toEqual(['allOnSpot', 'spotWithoutPdb']);
    const [onDemand] = workloadsOf([replica(deploy('solo'), onDemandB)], []);
    expect(flagsOf(onDemand)).toEqual([]);
    expect(onDemand?.risk).toBe(0);
  });

  it('counts unscheduled replicas but judges placement on the scheduled ones', () => {
    const batch = { kind: 'StatefulSet', name: 'db' };
    const [w] = workloadsOf([replica(batch, onDemandB), replica(batch, onDemandB), replica(batch, null)], []);
    expect(w).toMatchObject({ kind: 'StatefulSet', replicas: 3, ready: 2, scheduled: 2, spotReplicas: 0, spotShare: 0, nodes: 1, capacityTypes: ['on-demand'] });
    expect(flagsOf(w)).toEqual(['oneZone', 'oneNode']);
    const [pending] = workloadsOf([replica(deploy('p'), null)], []);
    expect(pending).toMatchObject({ replicas: 1, scheduled: 0, spotShare: 0, zones: [], nodes: 0, capacityTypes: [], risk: 0 });
  });

  it('leaves oneZone open when a replica sits on a node without a zone label', () => {
    const [w] = workloadsOf([replica(deploy('x'), onDemandB), replica(deploy('x'), noZone)], []);
    expect(w).toMatchObject({ zones: ['zone-b'], nodes: 2, oneZone: false });
  });

  it('skips Succeeded and Failed pods, and workloads with nothing else', () => {
    const web = deploy('web');
    const job = { kind: 'Job', name: 'backup-1' };
    const rows = [replica(web, spotA), replica(web, onDemandB, { phase: 'Failed' }), replica(job, onDemandC, { phase: 'Succeeded' })];
    const out = workloadsOf(rows, []);
    expect(out.map((w) => w.id)).toEqual(['shop/Deployment/web']);
    expect(out[0]).toMatchObject({ replicas: 1, scheduled: 1, capacityTypes: ['spot'], cpuRequest: 100 });
  });

  it('never flags a DaemonSet, but reports its numbers', () => {
    const ds = { kind: 'DaemonSet', name: 'node-exporter' };
    const [w] = workloadsOf([replica(ds, spotA), replica(ds, spotA2)], []);
    expect(w).toMatchObject({ kind: 'DaemonSet', replicas: 2, spotReplicas: 2, spotShare: 1, zones: ['zone-a'], nodes: 2, risk: 0 });
    expect(flagsOf(w)).toEqual([]);
  });

  it('names a bare pod after itself', () => {
    const [w] = workloadsOf([replica(null, spotA, { name: 'debug-shell' })], []);
    expect(w).toMatchObject({ id: 'shop/Pod/debug-shell', kind: 'Pod', name: 'debug-shell', replicas: 1, allOnSpot: true });
  });

  it('keeps workloads of the same name in different namespaces or kinds apart, worst first', () => {
    const rows = [replica(deploy('web'), onDemandB, { namespace: 'b' }), replica(deploy('web'), spotA, { namespace: 'a' }), replica({ kind: 'StatefulSet', name: 'web' }, onDemandB, { namespace: 'a' }), replica(deploy('web'), onDemandC, { namespace: 'a' })];
    expect(workloadsOf(rows, []).map((w) => [w.id, w.risk])).toEqual([
      ['a/Deployment/web', 25], // 20 + 10 × 0.5
      ['a/StatefulSet/web', 0],
      ['b/Deployment/web', 0],
    ]);
  });
});

describe('workloadsOf: PodDisruptionBudgets', () => {
  const web = deploy('web');
  const three = [replica(web, spotA), replica(web, spotB), replica(web, onDemandC)];

  it('attributes a budget that leaves no disruption, and stops calling spot unprotected', () => {
    const pdb = makePdb({ name: 'web-pdb', namespace: 'shop', selector: { matchLabels: { app: 'web' } }, minAvailable: 3 });
    const [w] = workloadsOf(three, [pdb]);
    expect(w).toMatchObject({ pdbs: ['web-pdb'], disruptionsAllowed: 0, pdbBlocks: true, spotWithoutPdb: false, risk: 16.67 });
  });

  it('computes maxUnavailable over the workload, and takes the least of several budgets', () => {
    const loose = makePdb({ name: 'loose', namespace: 'shop', selector: {}, maxUnavailable: '50%' });
    const tight = makePdb({ name: 'tight', namespace: 'shop', selector: { matchLabels: { app: 'web' } }, maxUnavailable: 1 });
    expect(workloadsOf(three, [loose])[0]).toMatchObject({ pdbs: ['loose'], disruptionsAllowed: 2, pdbBlocks: false });
    expect(workloadsOf(three, [tight, loose])[0]).toMatchObject({ pdbs: ['loose', 'tight'], disruptionsAllowed: 1 });
  });

  it('counts not-ready and terminating pods as unhealthy', () => {
    const rows = [replica(web, spotA), replica(web, spotB, { ready: false }), replica(web, onDemandC, { terminating: true })];
    const pdb = makePdb({ namespace: 'shop', selector: { matchLabels: { app: 'web' } }, minAvailable: 1 });
    expect(workloadsOf(rows, [pdb])[0]).toMatchObject({ replicas: 3, ready: 2, disruptionsAllowed: 0, pdbBlocks: true });
  });

  it('leaves a pod being deleted out of the expected scale: its replacement is already counted', () => {
    // 3 replicas wanted and Ready, a fourth pod terminating: 25% of 3 rounds up to 1, so 2 must stay
    // healthy and 1 may go (counting the terminating pod, 25% of 4 would ask for 3 and allow 0)
    const rows = [replica(web, spotA), replica(web, spotB), replica(web, onDemandC), replica(web, spotA, { terminating: true })];
    const pdb = makePdb({ namespace: 'shop', selector: { matchLabels: { app: 'web' } }, maxUnavailable: '25%' });
    expect(workloadsOf(rows, [pdb])[0]).toMatchObject({ replicas: 4, disruptionsAllowed: 1, pdbBlocks: false });
  });

  it('computes a budget shared by two workloads over all its pods, with their summed replicas', () => {
    const db = { kind: 'StatefulSet', name: 'db' };
    const rows = [replica(web, onDemandB, { labels: { team: 'pay' } }), replica(web, onDemandC, { labels: { team: 'pay' } }), replica(db, onDemandB, { labels: { team: 'pay' } }), replica(db, onDemandC, { labels: { team: 'pay' }, ready: false })];
    // 25% of 4 rounds up to 1 → 3 must stay healthy, 3 are.
    const pdb = makePdb({ name: 'pay', namespace: 'shop', selector: { matchLabels: { team: 'pay' } }, maxUnavailable: '25%' });
    const out = byName(workloadsOf(rows, [pdb]));
    expect(out.get('web')).toMatchObject({ pdbs: ['pay'], disruptionsAllowed: 0, pdbBlocks: true });
    expect(out.get('db')).toMatchObject({ pdbs: ['pay'], disruptionsAllowed: 0, pdbBlocks: true });
    const loose = makePdb({ name: 'pay', namespace: 'shop', selector: { matchLabels: { team: 'pay' } }, maxUnavailable: '50%' });
    expect(workloadsOf(rows, [loose]).map((w) => w.disruptionsAllowed)).toEqual([1, 1]);
  });

  it('ignores a PDB of another namespace', () => {
    const pdb = makePdb({ name: 'web-pdb', namespace: 'blog', selector: { matchLabels: { app: 'web' } }, maxUnavailable: 1 });
    expect(workloadsOf(three, [pdb])[0]).toMatchObject({ pdbs: [], disruptionsAllowed: null, spotWithoutPdb: true });
  });

  it('prefers the server status when it is current', () => {
    const current = makePdb({ namespace: 'shop', selector: {}, maxUnavailable: 1, generation: 2, status: { observedGeneration: 2, disruptionsAllowed: 0 } });
    expect(workloadsOf(three, [current])[0]).toMatchObject({ disruptionsAllowed: 0, pdbBlocks: true });
    const stale = makePdb({ namespace: 'shop', selector: {}, maxUnavailable: 1, generation: 3, status: { observedGeneration: 2, disruptionsAllowed: 0 } });
    expect(workloadsOf(three, [stale])[0]).toMatchObject({ disruptionsAllowed: 1, pdbBlocks: false });
  });

  it('lists an invalid PDB without inventing a number for it', () => {
    const pdb = makePdb({ name: 'broken', namespace: 'shop', selector: {}, minAvailable: 'abc%' });
    expect(workloadsOf(three, [pdb])[0]).toMatchObject({ pdbs: ['broken'], disruptionsAllowed: null, pdbBlocks: false, spotWithoutPdb: false });
  });

  it('gives a bare pod no expected scale, as the controller does', () => {
    const pdb = makePdb({ namespace: 'shop', selector: { matchLabels: { role: 'debug' } }, maxUnavailable: 1 });
    const [w] = workloadsOf([replica(null, onDemandB, { labels: { role: 'debug' } })], [pdb]);
    expect(w).toMatchObject({ kind: 'Pod', disruptionsAllowed: 0, pdbBlocks: true });
  });

  it('lets a DaemonSet keep its budget numbers but not the flag', () => {
    const ds = { kind: 'DaemonSet', name: 'agent' };
    const pdb = makePdb({ namespace: 'shop', selector: { matchLabels: { app: 'agent' } }, minAvailable: '100%' });
    const [w] = workloadsOf([replica(ds, spotA), replica(ds, makeNode('plain'))], [pdb]);
    expect(w).toMatchObject({ disruptionsAllowed: 0, pdbBlocks: false, risk: 0, capacityTypes: ['spot', 'unknown'] });
  });
});

describe('RISK_FLAGS', () => {
  it('labels every flag of a workload row, in a stable order', () => {
    expect(RISK_FLAGS.map((f) => [f.key, f.label])).toEqual([
      ['allOnSpot', 'all on spot'],
      ['oneZone', 'one zone'],
      ['oneNode', 'one node'],
      ['spotWithoutPdb', 'spot without PDB'],
      ['pdbBlocks', 'PDB allows 0'],
    ]);
    for (const f of RISK_FLAGS) expect(f.explain).toMatch(/^[A-Z].+\.$/);
  });
});
