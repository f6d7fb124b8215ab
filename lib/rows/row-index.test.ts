// The first batch into an empty index (a first sync) takes a shorter way than later batches: what it
// tells its listeners and what it holds must be what the general way would give.
import { describe, expect, it } from 'vitest';
import type { ClusterCache, CacheBatch } from '@/lib/kube/cluster-cache';
import type { KubeObject } from '@/lib/podnode/types';
import { capacityNode, makePod } from '@/lib/podnode/test-fixtures';
import { RowIndex } from './row-index';

/** Just enough of a cache for the index: objects held, batches pushed by hand; with `early`, each
 *  pod is told of as it arrives (as a real cache does) before its batch. */
function fakeCache(early: boolean) {
  const pods = new Map<string, KubeObject>();
  const nodes = new Map<string, KubeObject>();
  let push: (b: CacheBatch) => void = () => {};
  let ingested: (pod: KubeObject) => void = () => {};
  const cache = {
    pods: () => pods.values(),
    nodes: () => nodes,
    events: () => [][Symbol.iterator](),
    subscribe: (l: (b: CacheBatch) => void) => ((push = l), () => {}),
    onPodIngested: (l: (pod: KubeObject) => void) => ((ingested = l), () => {}),
  } as unknown as ClusterCache;
  const none = { upserts: [], deletes: [] };
  const send = (b: { pods?: KubeObject[]; nodes?: KubeObject[]; deletes?: KubeObject[] }) => {
    if (early) for (const p of b.pods ?? []) ingested(p);
    for (const n of b.nodes ?? []) nodes.set(n.metadata.name, n);
    for (const p of b.pods ?? []) pods.set(p.metadata.uid, p);
    for (const p of b.deletes ?? []) pods.delete(p.metadata.uid);
    push({ pods: { upserts: b.pods ?? [], deletes: b.deletes ?? [] }, nodes: { upserts: b.nodes ?? [], deletes: [] }, pdbs: none, events: none });
  };
  return { cache, send };
}

type Seen = { upserts: { uid: string; capacityType: string; podName: string }[]; deletes: string[] };

function indexed(early: boolean) {
  const { cache, send } = fakeCache(early);
  const index = new RowIndex(cache);
  const seen: Seen[] = [];
  index.subscribe((b) => seen.push({ upserts: b.upserts.map((r) => ({ uid: r.uid, capacityType: r.capacityType, podName: r.podName })), deletes: b.deletes }));
  return { index, send, seen };
}

const onNode = (node: string, name: string) => makePod({ name, spec: { nodeName: node } });

describe.each([['joined as they arrive', true], ['joined with their batch', false]])('the first batch into an empty index, rows %s', (_, early) => {
  it('tells its listeners every row once, and later batches only what changed', () => {
    const { index, send, seen } = indexed(early);
    const node = capacityNode('n1', 'spot');
    send({ nodes: [node] });
    const pods = [onNode('n1', 'a'), onNode('n1', 'b'), makePod({ name: 'pending' })];
    send({ pods });
    expect(index.size).toBe(3);
    expect(seen.at(-1)!.upserts.map((r) => [r.podName, r.capacityType])).toEqual([['a', 'spot'], ['b', 'spot'], ['pending', 'unknown']]);
    send({ pods: [onNode('n1', 'c')], deletes: [pods[0]!] });
    expect(seen.at(-1)).toEqual({ upserts: [{ uid: expect.any(String), capacityType: 'spot', podName: 'c' }], deletes: [pods[0]!.metadata.uid] });
    expect(index.size).toBe(3);
  });

  it('sends a pod listed twice once, as it was last; and rows joined with nodes of the same batch', () => {
    const { index, send, seen } = indexed(early);
    const first = onNode('n1', 'a');
    const again = { ...first, metadata: { ...first.metadata, resourceVersion: '9' }, spec: { ...first.spec, nodeName: 'n2' } };
    send({ pods: [first, onNode('n1', 'b'), again], nodes: [capacityNode('n1', 'spot'), capacityNode('n2', 'on-demand')] });
    expect(index.size).toBe(2);
    const last = seen.at(-1)!.upserts;
    expect(last.map((r) => [r.podName, r.capacityType]).sort()).toEqual([['a', 'on-demand'], ['b', 'spot']]);
    expect(new Set(last.map((r) => r.uid)).size).toBe(last.length);
    expect(index.get(first.metadata.uid)?.nodeName).toBe('n2');
    // each pod once, on the node it was last seen on
    expect(index.podsOnNode('n1').map((r) => r.podName)).toEqual(['b']);
    expect(index.podsOnNode('n2').map((r) => r.podName)).toEqual(['a']);
    send({ pods: [{ ...again, metadata: { ...again.metadata, resourceVersion: '10' } }] });
    expect(index.podsOnNode('n2').map((r) => r.podName)).toEqual(['a']);
    // early only into an empty index: the first batch's three pods
    expect(index.joinedOnArrival).toBe(early ? 3 : 0);
  });
});
