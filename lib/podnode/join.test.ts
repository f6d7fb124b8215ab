import { describe, expect, it } from 'vitest';
import { loadCapacityTable } from './capacity-types';
import { joinPodNodes, nodeFactsOf, placeOnNode, toPodNodeRow } from './join';
import { container, makeNode, makePod, running } from './test-fixtures';

const spotNode = makeNode('ip-10-0-1-1', {
  'karpenter.sh/capacity-type': 'spot',
  'karpenter.sh/nodepool': 'general',
  'topology.kubernetes.io/zone': 'eu-west-1a',
  'node.kubernetes.io/instance-type': 'm6i.large',
});
const bareNode = makeNode('bare-metal-7');
const nodes = new Map([
  [spotNode.metadata.name, spotNode],
  [bareNode.metadata.name, bareNode],
]);

const web = makePod({
  name: 'web-5d8f7-abcde',
  namespace: 'shop',
  labels: { app: 'web', 'pod-template-hash': '5d8f7' },
  ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d8f7', controller: true }],
  spec: { nodeName: 'ip-10-0-1-1', containers: [container('web', { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } })] },
  status: { containerStatuses: [running('web', true, 2)] },
});
const pending = makePod({ name: 'pending-1', status: { phase: 'Pending' } });
const orphan = makePod({ name: 'orphan-1', spec: { nodeName: 'gone-node', containers: [container('a')] } });
const onBare = makePod({ name: 'bare-1', spec: { nodeName: 'bare-metal-7', containers: [container('a')] } });

describe('toPodNodeRow', () => {
  it('joins a scheduled pod with its node', () => {
    const row = toPodNodeRow(web, spotNode);
    expect(row).toEqual({
      uid: web.metadata.uid,
      namespace: 'shop',
      podName: 'web-5d8f7-abcde',
      status: 'Running',
      ready: '1/1',
      restarts: 2,
      appName: 'web',
      ownerKind: 'Deployment',
      ownerName: 'web',
      nodeName: 'ip-10-0-1-1',
      nodeGroup: 'general',
      capacityType: 'spot',
      zone: 'eu-west-1a',
      instanceType: 'm6i.large',
      cpuRequest: 250,
      cpuLimit: 0,
      memoryRequest: 256 * 1024 ** 2,
      memoryLimit: 512 * 1024 ** 2,
      createdAt: '2026-11-25T10:00:00Z',
      warnings: 0,
      pod: web,
      node: spotNode,
    });
    // The row references the cached objects rather than copying them.
    expect(row.pod).toBe(web);
    expect(row.node).toBe(spotNode);
  });

  it('turns a Date creationTimestamp (client-node LIST objects) into ISO text', () => {
    const pod = makePod();
    (pod.metadata as Record<string, unknown>).creationTimestamp = new Date('2026-11-25T10:00:00Z');
    expect(toPodNodeRow(pod, undefined).createdAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('uses the given capacity table', () => {
    const table = loadCapacityTable([{ label: 'karpenter.sh/capacity-type', values: { spot: 'reserved' } }]);
    expect(toPodNodeRow(web, spotNode, table).capacityType).toBe('reserved');
    expect(toPodNodeRow(web, spotNode).capacityType).toBe('spot');
  });
});

describe('joinPodNodes', () => {
  const rows = joinPodNodes([web, pending, orphan, onBare], nodes);
  const byName = new Map(rows.map((r) => [r.podName, r]));

  it('yields one row per pod, in input order', () => {
    expect(rows.map((r) => r.podName)).toEqual(['web-5d8f7-abcde', 'pending-1', 'orphan-1', 'bare-1']);
  });

  it('gives an unscheduled pod no node and no node name', () => {
    expect(byName.get('pending-1')).toMatchObject({ nodeName: null, node: null, nodeGroup: null, capacityType: 'unknown', zone: null, instanceType: null, status: 'Pending' });
  });

  it('keeps the node name of a pod whose node is gone, with node: null', () => {
    expect(byName.get('orphan-1')).toMatchObject({ nodeName: 'gone-node', node: null, nodeGroup: null, capacityType: 'unknown' });
  });

  it('joins a node without any group or capacity label', () => {
    expect(byName.get('bare-1')).toMatchObject({ nodeName: 'bare-metal-7', node: bareNode, nodeGroup: null, capacityType: 'unknown', zone: null, instanceType: null });
  });

  it('agrees with toPodNodeRow row by row', () => {
    for (const [i, pod] of [web, pending, orphan, onBare].entries()) {
      const name = (pod.spec as { nodeName?: string }).nodeName;
      expect(rows[i]).toEqual(toPodNodeRow(pod, name ? nodes.get(name) : undefined));
    }
  });
});

describe('Fargate', () => {
  it('takes the node group from the pod’s Fargate profile', () => {
    const node = { metadata: { name: 'fargate-ip-10-0-0-1', uid: 'n', labels: { 'eks.amazonaws.com/compute-type': 'fargate' } } };
    const pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u', labels: { 'eks.amazonaws.com/fargate-profile': 'fp-default' } }, spec: { nodeName: 'fargate-ip-10-0-0-1', containers: [] } };
    const row = toPodNodeRow(pod, node);
    expect(row.capacityType).toBe('fargate');
    expect(row.nodeGroup).toBe('fp-default');
    // a node with its own group keeps it
    expect(toPodNodeRow(pod, { ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, 'eks.amazonaws.com/nodegroup': 'ng' } } }).nodeGroup).toBe('ng');
  });
});

describe('placeOnNode', () => {
  it('turns a row made without its node into the row made with it, Fargate included', () => {
    const fargate = makeNode('fargate-ip-10-0-0-1', { 'eks.amazonaws.com/compute-type': 'fargate' });
    const onFargate = makePod({ name: 'fp-1', labels: { 'eks.amazonaws.com/fargate-profile': 'fp-default' }, spec: { nodeName: fargate.metadata.name, containers: [container('a')] } });
    for (const [pod, node] of [[web, spotNode], [onBare, bareNode], [onFargate, fargate]] as const) {
      const early = toPodNodeRow(pod, undefined);
      expect(early.capacityType).toBe('unknown');
      const placed = placeOnNode(early, node, nodeFactsOf(node));
      expect(placed).toBe(early);
      expect(placed).toEqual(toPodNodeRow(pod, node));
    }
    expect(placeOnNode(toPodNodeRow(onFargate, undefined), fargate, nodeFactsOf(fargate)).nodeGroup).toBe('fp-default');
  });
});
