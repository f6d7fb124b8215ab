// The node view's stream over a real cache on the simulator: snapshot, then only the rows that
// changed, and nothing left behind once the client goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopClusterCaches } from '@/lib/kube/registry';
import { startTestSim, useSimAsKubeconfig, waitFor } from '@/lib/kube/test-support';
import type { SimHandle } from '@/lib/sim';
import { resolveView } from './view';
import { streamNodes } from './nodes';
import { readSse } from './sse-test-support';

let sim: SimHandle;
let restore = () => {};

beforeAll(async () => {
  sim = await startTestSim({ pods: 300, nodes: 12, profile: 'karpenter' });
  restore = await useSimAsKubeconfig(sim);
});
afterAll(async () => {
  await stopClusterCaches();
  await sim.stop();
  restore();
});

async function open(search: string) {
  const abort = new AbortController();
  const resolved = await resolveView(new URLSearchParams(search), { headers: new Headers({ host: 'localhost:3000' }), waitForSync: true });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.failure));
  const res = streamNodes(new Request('http://localhost:3000/api/nodes/stream', { signal: abort.signal }), resolved.view);
  const messages = readSse(res);
  return { messages, close: () => abort.abort(), index: resolved.view.index };
}

describe('the node view stream', () => {
  it('sends the view, then only the node that changed, with the banner; a gone client leaves nothing subscribed', async () => {
    const s = await open('group=capacityType');
    await waitFor(() => s.messages.some((m) => m.event === 'snapshot'), 5_000, 'a snapshot');
    const snapshot = s.messages.find((m) => m.event === 'snapshot')!.data as { rows: { name: string }[]; banner: unknown; groups: { key: string }[] };
    expect(snapshot.rows).toHaveLength(sim.cluster.nodes());
    expect(snapshot.banner).toBeNull();
    expect(snapshot.groups.length).toBeGreaterThan(0);
    const viewers = s.index.viewers;
    expect(viewers).toBeGreaterThan(0);

    const notice = sim.cluster.interruptionNotice(undefined, 0);
    await waitFor(() => s.messages.some((m) => m.event === 'patch' && (m.data.banner as { names?: string[] } | null)?.names?.includes(notice.node)), 5_000, 'a patch with the notice');
    const patch = s.messages.find((m) => m.event === 'patch' && (m.data.banner as { names?: string[] } | null)?.names?.includes(notice.node))!.data as { upserts: { name: string; noticeKind: string }[]; deletes: string[] };
    // the noticed node, not all twelve again
    expect(patch.upserts.map((r) => r.name)).toContain(notice.node);
    expect(patch.upserts.length).toBeLessThan(sim.cluster.nodes());
    expect(patch.upserts.find((r) => r.name === notice.node)!.noticeKind).toBe('interruption');
    expect(patch.deletes).toEqual([]);

    s.close();
    await waitFor(() => s.index.viewers === viewers - 1, 5_000, 'the stream unsubscribed');
  });
});
