import { describe, expect, it } from 'vitest';
import { capacityTypeOf, CapacityTableError, DEFAULT_CAPACITY_TABLE, loadCapacityTable } from './capacity-types';
import type { CapacityType } from './types';

describe('capacityTypeOf with the default table', () => {
  it.each<[string, string, CapacityType]>([
    ['karpenter.sh/capacity-type', 'spot', 'spot'],
    ['karpenter.sh/capacity-type', 'on-demand', 'on-demand'],
    ['karpenter.sh/capacity-type', 'reserved', 'reserved'],
    ['eks.amazonaws.com/capacityType', 'SPOT', 'spot'],
    ['eks.amazonaws.com/capacityType', 'ON_DEMAND', 'on-demand'],
    ['eks.amazonaws.com/capacityType', 'CAPACITY_BLOCK', 'reserved'],
    ['eks.amazonaws.com/compute-type', 'fargate', 'fargate'],
    ['node.kubernetes.io/lifecycle', 'spot', 'spot'],
    ['node.kubernetes.io/lifecycle', 'normal', 'on-demand'],
    ['node.kubernetes.io/lifecycle', 'on-demand', 'on-demand'],
    ['lifecycle', 'Ec2Spot', 'spot'],
    ['lifecycle', 'spot', 'spot'],
    ['lifecycle', 'OnDemand', 'on-demand'],
    ['lifecycle', 'ondemand', 'on-demand'],
    ['lifecycle', 'normal', 'on-demand'],
    ['lifecycle', 'EC2SPOT', 'spot'],
    ['node-role.kubernetes.io/spot-worker', 'true', 'spot'],
    ['aws.amazon.com/spot', 'true', 'spot'],
    ['spotinst.io/node-lifecycle', 'spot', 'spot'],
    ['spotinst.io/node-lifecycle', 'od', 'on-demand'],
    ['cloud.google.com/gke-spot', 'true', 'spot'],
    ['cloud.google.com/gke-preemptible', 'true', 'spot'],
    ['cloud.google.com/gke-provisioning', 'spot', 'spot'],
    ['cloud.google.com/gke-provisioning', 'preemptible', 'spot'],
    ['cloud.google.com/reservation-name', 'my-reservation', 'reserved'],
    ['cloud.google.com/gke-nodepool', 'default-pool', 'on-demand'],
    ['agentpool', 'nodepool1', 'on-demand'],
    ['cloud.google.com/gke-provisioning', 'standard', 'on-demand'],
    ['kubernetes.azure.com/scalesetpriority', 'spot', 'spot'],
    ['kubernetes.azure.com/agentpool', 'nodepool1', 'on-demand'],
  ])('%s=%s → %s', (label, value, type) => {
    expect(capacityTypeOf({ [label]: value })).toBe(type);
  });

  it.each<[Record<string, string> | undefined, CapacityType, string]>([
    [undefined, 'unknown', 'no labels'],
    [{}, 'unknown', 'empty labels'],
    [{ 'kubernetes.io/hostname': 'n1' }, 'unknown', 'no capacity label'],
    [{ 'eks.amazonaws.com/compute-type': 'auto' }, 'unknown', 'unlisted value'],
    [{ 'aws.amazon.com/spot': 'false' }, 'unknown', 'false is not spot'],
    // AKS spot pools carry both labels: the priority rule comes first.
    [{ 'kubernetes.azure.com/agentpool': 'spotpool', 'kubernetes.azure.com/scalesetpriority': 'spot' }, 'spot', 'AKS spot'],
    // First rule wins even when a later label disagrees.
    [{ 'karpenter.sh/capacity-type': 'on-demand', 'eks.amazonaws.com/capacityType': 'SPOT' }, 'on-demand', 'order'],
    // A present-but-unmapped label falls through to the next rule.
    [{ 'karpenter.sh/capacity-type': 'weird', lifecycle: 'Ec2Spot' }, 'spot', 'fall through'],
  ])('%j → %s (%s)', (labels, type) => {
    expect(capacityTypeOf(labels)).toBe(type);
  });

  it('does not read inherited properties as labels', () => {
    const labels = Object.create({ lifecycle: 'spot' }) as Record<string, string>;
    expect(capacityTypeOf(labels)).toBe('unknown');
  });
});

describe('loadCapacityTable', () => {
  it('accepts a bare array and the { rules } form, and the result drives capacityTypeOf', () => {
    const rules = [{ label: 'acme.io/pricing', values: { Cheap: 'spot', '*': 'on-demand' }, caseSensitive: true }];
    for (const json of [rules, { rules }]) {
      const table = loadCapacityTable(json);
      expect(capacityTypeOf({ 'acme.io/pricing': 'Cheap' }, table)).toBe('spot');
      expect(capacityTypeOf({ 'acme.io/pricing': 'cheap' }, table)).toBe('on-demand');
      expect(capacityTypeOf({ 'karpenter.sh/capacity-type': 'spot' }, table)).toBe('unknown');
    }
  });

  it('round-trips the default table through JSON', () => {
    const table = loadCapacityTable(JSON.parse(JSON.stringify(DEFAULT_CAPACITY_TABLE)));
    expect(table).toEqual(DEFAULT_CAPACITY_TABLE);
  });

  it.each([
    ['not a table', 'string', '(root)'],
    [[{ label: 'x', values: { a: 'cheap' } }], 'bad type', '0.values.a'],
    [[{ values: { a: 'spot' } }], 'missing label', '0.label'],
    [{ rules: [{ label: 'x', values: {}, extra: 1 }] }, 'unknown key', 'rules.0'],
    [{ rulez: [] }, 'wrong wrapper', '(root)'],
  ])('rejects %j (%s) with a message naming %s', (json, _why, where) => {
    expect(() => loadCapacityTable(json)).toThrow(CapacityTableError);
    expect(() => loadCapacityTable(json)).toThrow(where);
  });
});

describe('GKE labels together, first match wins', () => {
  it('a spot or preemptible node pool is spot, a reservation is reserved, a plain pool on-demand', () => {
    const pool = { 'cloud.google.com/gke-nodepool': 'p' };
    expect(capacityTypeOf({ ...pool, 'cloud.google.com/gke-spot': 'true' })).toBe('spot');
    expect(capacityTypeOf({ ...pool, 'cloud.google.com/gke-preemptible': 'true' })).toBe('spot');
    expect(capacityTypeOf({ ...pool, 'cloud.google.com/reservation-name': 'r' })).toBe('reserved');
    expect(capacityTypeOf(pool)).toBe('on-demand');
  });
});
