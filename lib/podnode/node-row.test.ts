import { describe, expect, it } from 'vitest';
import { toPodNodeRow } from './join';
import { nodeGroupTotals, toNodeRow } from './node-row';
import { makeNode, makePod } from './test-fixtures';
import type { KubeObject } from './types';

const pod = (cpu: string, memory: string, phase = 'Running', limits?: Record<string, string>) =>
  makePod({ spec: { nodeName: 'n1', containers: [{ name: 'app', resources: { requests: { cpu, memory }, ...(limits ? { limits } : {}) } }] }, status: { phase } });

function node(extra: Partial<KubeObject> = {}): KubeObject {
  const n = makeNode('n1', { 'karpenter.sh/capacity-type': 'spot', 'karpenter.sh/nodepool': 'batch', 'topology.kubernetes.io/zone': 'eu-west-1a' }, { cpu: '4', memory: '16Gi', pods: '58' });
  return { ...n, ...extra, metadata: { ...n.metadata, creationTimestamp: '2026-12-01T00:00:00Z' } };
}

describe('toNodeRow', () => {
  it('sums the requests and limits of the pods holding resources, as the table shows them', () => {
    const n = node();
    const rows = [pod('500m', '1Gi', 'Running', { cpu: '1', memory: '2Gi' }), pod('250m', '512Mi'), pod('2', '4Gi', 'Succeeded'), pod('1', '1Gi', 'Failed')].map((p) => toPodNodeRow(p, n));
    const r = toNodeRow(n, rows, { notice: null, warnings: 0 });
    expect(r).toMatchObject({ name: 'n1', capacityType: 'spot', nodeGroup: 'batch', zone: 'eu-west-1a', pods: 2, maxPods: 58 });
    expect(r.cpuRequest).toBe(750);
    expect(r.cpuRequest).toBe(rows[0]!.cpuRequest + rows[1]!.cpuRequest);
    expect(r.cpuLimit).toBe(1000);
    expect(r.memoryRequest).toBe(1.5 * 1024 ** 3);
    expect(r.cpuAllocatable).toBe(4000);
    expect(r.cpuRequestPct).toBe(18.8);
    expect(r.memoryRequestPct).toBe(9.4);
  });

  it('reads Ready, cordoned and taints as kubectl shows them', () => {
    const r = toNodeRow(node({
      spec: { unschedulable: true, taints: [{ key: 'karpenter.sh/disrupted', effect: 'NoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] },
      status: { allocatable: { cpu: '4', memory: '16Gi', pods: '58' }, conditions: [{ type: 'Ready', status: 'False' }] },
    }), [], { notice: { kind: 'interruption', reason: 'SpotInterrupted', component: 'karpenter', at: '2026-12-02T10:00:00Z', message: 'Spot interruption warning was triggered' }, warnings: 3 });
    expect(r).toMatchObject({ ready: 'NotReady', cordoned: true, taints: ['karpenter.sh/disrupted:NoSchedule', 'dedicated=gpu:NoExecute'], pods: 0, cpuRequest: 0 });
    expect(r).toMatchObject({ notice: 'SpotInterrupted', noticeKind: 'interruption', noticeBy: 'karpenter', warnings: 3 });
  });

  it('says Unknown without a Ready condition and null percentages without allocatable', () => {
    const bare: KubeObject = { metadata: { name: 'bare', uid: 'u' } };
    const r = toNodeRow(bare, [], { notice: null, warnings: 0 });
    expect(r).toMatchObject({ ready: 'Unknown', cordoned: false, taints: [], cpuRequestPct: null, memoryRequestPct: null, capacityType: 'unknown', nodeGroup: null });
  });
});

describe('nodeGroupTotals', () => {
  it('adds up each group in the order the rows come, with its own percentages', () => {
    const base = toNodeRow(node(), [], { notice: null, warnings: 0 });
    const rows = [
      { ...base, name: 'a', nodeGroup: 'x', pods: 3, cpuRequest: 1000, cpuAllocatable: 4000, memoryRequest: 1, memoryAllocatable: 4 },
      { ...base, name: 'b', nodeGroup: null, pods: 1, cpuRequest: 500, cpuAllocatable: 2000, memoryRequest: 0, memoryAllocatable: 4 },
      { ...base, name: 'c', nodeGroup: 'x', pods: 2, cpuRequest: 3000, cpuAllocatable: 4000, memoryRequest: 2, memoryAllocatable: 4 },
    ];
    const totals = nodeGroupTotals(rows, 'nodeGroup');
    expect(totals.map((t) => t.key)).toEqual(['x', 'NA']);
    expect(totals[0]).toMatchObject({ nodes: 2, pods: 5, cpuRequest: 4000, cpuAllocatable: 8000, cpuRequestPct: 50, memoryRequestPct: 37.5 });
    expect(totals[1]).toMatchObject({ nodes: 1, pods: 1, cpuRequestPct: 25 });
  });
});
