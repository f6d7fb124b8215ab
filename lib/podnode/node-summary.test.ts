import { describe, expect, it } from 'vitest';
import { summarizeNode } from './node-summary';
import { container, makeNode, makePod } from './test-fixtures';

const Gi = 1024 ** 3;
const node = makeNode('n1', { 'eks.amazonaws.com/nodegroup': 'core', 'eks.amazonaws.com/capacityType': 'SPOT', 'topology.kubernetes.io/zone': 'us-east-1b' }, { cpu: '3920m', memory: '15Gi', pods: '110' });
const withRes = (cpu: string, memory: string, phase = 'Running') =>
  makePod({ spec: { nodeName: 'n1', containers: [container('a', { requests: { cpu, memory }, limits: { cpu: '1', memory } })] }, status: { phase } });

describe('summarizeNode', () => {
  it('sums non-terminal pods against allocatable', () => {
    const s = summarizeNode(node, [withRes('980m', '3Gi'), withRes('980m', '3Gi', 'Pending'), withRes('4', '8Gi', 'Succeeded'), withRes('4', '8Gi', 'Failed')]);
    expect(s).toEqual({
      name: 'n1',
      nodeGroup: 'core',
      capacityType: 'spot',
      zone: 'us-east-1b',
      instanceType: null,
      allocatable: { cpu: 3920, memory: 15 * Gi, pods: 110 },
      requests: { cpu: 1960, memory: 6 * Gi },
      limits: { cpu: 2000, memory: 6 * Gi },
      podCount: 2,
      cpuRequestPct: 50,
      memoryRequestPct: 40,
    });
  });

  it('reports null percentages when the node has no allocatable yet', () => {
    const bare = { metadata: { name: 'new', uid: 'u' } };
    const s = summarizeNode(bare, [withRes('100m', '1Gi')]);
    expect(s).toMatchObject({ allocatable: { cpu: 0, memory: 0, pods: 0 }, cpuRequestPct: null, memoryRequestPct: null, capacityType: 'unknown', nodeGroup: null, podCount: 1 });
  });

  it('rounds percentages to one decimal', () => {
    expect(summarizeNode(node, [withRes('1', '1Gi')]).cpuRequestPct).toBe(25.5);
  });
});
