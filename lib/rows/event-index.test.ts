import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/lib/podnode/types';
import { EventIndex } from './event-index';

let seq = 0;
function ev(o: { kind: 'Pod' | 'Node'; name: string; uid?: string; reason: string; type?: string; at: string; component?: string; message?: string }): KubeObject {
  seq++;
  return {
    metadata: { name: `${o.name}.${seq}`, namespace: 'default', uid: `ev-${seq}` },
    involvedObject: { kind: o.kind, name: o.name, ...(o.uid ? { uid: o.uid } : {}) },
    reason: o.reason,
    type: o.type ?? 'Warning',
    message: o.message ?? o.reason,
    source: { component: o.component ?? 'kubelet' },
    lastTimestamp: o.at,
    count: 1,
  };
}

describe('EventIndex', () => {
  it('gives a pod its events newest first and counts its warnings', () => {
    const a = ev({ kind: 'Pod', name: 'p', uid: 'pod-1', reason: 'BackOff', at: '2026-12-02T10:00:00Z' });
    const b = ev({ kind: 'Pod', name: 'p', uid: 'pod-1', reason: 'Pulled', type: 'Normal', at: '2026-12-02T10:05:00Z' });
    const c = ev({ kind: 'Pod', name: 'q', uid: 'pod-2', reason: 'FailedScheduling', at: '2026-12-02T10:01:00Z' });
    const index = new EventIndex([a, b, c]);
    expect(index.forPod('pod-1').map((e) => e.reason)).toEqual(['Pulled', 'BackOff']);
    expect(index.warningsFor('pod-1')).toBe(1);
    expect(index.warningsFor('pod-2')).toBe(1);
    expect(index.warningsFor('nobody')).toBe(0);
  });

  it('reports which pods and nodes a batch touched, deletes included', () => {
    const a = ev({ kind: 'Pod', name: 'p', uid: 'pod-1', reason: 'BackOff', at: '2026-12-02T10:00:00Z' });
    const index = new EventIndex([a]);
    const n = ev({ kind: 'Node', name: 'n1', reason: 'SpotInterrupted', at: '2026-12-02T10:02:00Z', component: 'karpenter' });
    const touched = index.apply([n], [a]);
    expect([...touched.pods]).toEqual(['pod-1']);
    expect([...touched.nodes]).toEqual(['n1']);
    expect(index.warningsFor('pod-1')).toBe(0);
    expect(index.size).toBe(1);
  });

  it('picks a node\'s weightiest spot event: an interruption notice over a newer rebalance hint', () => {
    const index = new EventIndex([
      ev({ kind: 'Node', name: 'n1', reason: 'SpotInterruption', at: '2026-12-02T10:00:00Z', component: 'aws-node-termination-handler' }),
      ev({ kind: 'Node', name: 'n1', reason: 'RebalanceRecommendation', type: 'Normal', at: '2026-12-02T10:09:00Z', component: 'aws-node-termination-handler' }),
      ev({ kind: 'Node', name: 'n1', reason: 'NodeNotReady', at: '2026-12-02T10:10:00Z' }),
      ev({ kind: 'Node', name: 'n2', reason: 'SpotRebalanceRecommendation', type: 'Normal', at: '2026-12-02T10:03:00Z', component: 'karpenter' }),
    ]);
    expect(index.noticeFor('n1')).toMatchObject({ kind: 'interruption', reason: 'SpotInterruption', component: 'aws-node-termination-handler', at: '2026-12-02T10:00:00Z' });
    expect(index.noticeFor('n2')).toMatchObject({ kind: 'rebalance', reason: 'SpotRebalanceRecommendation' });
    expect(index.noticeFor('n3')).toBeNull();
    expect(index.forNode('n1').map((e) => e.reason)).toEqual(['NodeNotReady', 'RebalanceRecommendation', 'SpotInterruption']);
  });

  it('an updated event (count bumped) replaces the old one instead of adding to it', () => {
    const a = ev({ kind: 'Pod', name: 'p', uid: 'pod-1', reason: 'BackOff', at: '2026-12-02T10:00:00Z' });
    const index = new EventIndex([a]);
    index.apply([{ ...a, count: 7, lastTimestamp: '2026-12-02T10:30:00Z' }], []);
    expect(index.forPod('pod-1')).toHaveLength(1);
    expect(index.forPod('pod-1')[0]).toMatchObject({ count: 7, lastAt: '2026-12-02T10:30:00Z' });
  });
});
