import { describe, expect, it } from 'vitest';
import { instanceTypeOf, NODE_GROUP_LABELS, nodeGroupOf, zoneOf } from './node-info';

describe('nodeGroupOf', () => {
  it.each(NODE_GROUP_LABELS.map((label) => [label]))('reads %s', (label) => {
    expect(nodeGroupOf({ [label]: 'g1', 'kubernetes.io/hostname': 'n' })).toBe('g1');
  });

  it('prefers the earlier label of the list', () => {
    expect(nodeGroupOf({ nodegroup: 'late', 'karpenter.sh/nodepool': 'kp', 'eks.amazonaws.com/nodegroup': 'eks' })).toBe('eks');
    expect(nodeGroupOf({ nodegroup: 'late', 'cloud.google.com/gke-nodepool': 'pool' })).toBe('pool');
  });

  it.each([[undefined], [{}], [{ 'kubernetes.io/hostname': 'n1' }], [{ nodegroup: '' }]])(
    'is null for a node without any group label: %j',
    (labels) => expect(nodeGroupOf(labels)).toBeNull(),
  );
});

describe('zoneOf / instanceTypeOf', () => {
  it.each([
    [{ 'topology.kubernetes.io/zone': 'us-east-1a', 'failure-domain.beta.kubernetes.io/zone': 'old' }, 'us-east-1a'],
    [{ 'failure-domain.beta.kubernetes.io/zone': 'europe-west1-b' }, 'europe-west1-b'],
    [{}, null],
  ])('zone of %j is %s', (labels, zone) => expect(zoneOf(labels)).toBe(zone));

  it.each([
    [{ 'node.kubernetes.io/instance-type': 'm5.large', 'beta.kubernetes.io/instance-type': 'old' }, 'm5.large'],
    [{ 'beta.kubernetes.io/instance-type': 'Standard_D4s_v5' }, 'Standard_D4s_v5'],
    [undefined, null],
  ])('instance type of %j is %s', (labels, type) => expect(instanceTypeOf(labels)).toBe(type));
});
