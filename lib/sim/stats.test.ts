// Bytes counted per verb and resource: exactly the body bytes a client reads, and a watch's counted
// while it is still open (the bench reads them per minute off long-lived watches).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';

let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 5, pods: 60, seed: 9 }); });
afterAll(async () => { await sim.stop(); });

describe('bytes sent', () => {
  it('counts a LIST page, a GET and a refused write as the bytes their clients received', async () => {
    sim.resetStats();
    const page = await (await fetch(`${sim.url}/api/v1/pods?limit=20`)).arrayBuffer();
    const [first] = sim.cluster.listPodNames();
    const one = await (await fetch(`${sim.url}/api/v1/namespaces/${first!.namespace}/pods/${first!.name}`)).arrayBuffer();
    const refused = await (await fetch(`${sim.url}/api/v1/nodes`, { method: 'DELETE' })).arrayBuffer();
    const stats = sim.stats();
    expect(stats.bytes).toEqual({ 'list pods': page.byteLength, 'get pods': one.byteLength, 'write nodes': refused.byteLength });
    expect(stats.bytesTotal).toBe(page.byteLength + one.byteLength + refused.byteLength);
  });

  it('counts a watch as it streams, and a reset starts it from zero', async () => {
    const rv = sim.cluster.resourceVersion();
    const controller = new AbortController();
    const res = await fetch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let received = 0;
    const readAtLeast = async (n: number) => { while (received < n) received += (await reader.read()).value?.byteLength ?? 0; };
    const [pod] = sim.cluster.listPodNames();
    const touch = (v: string) => sim.cluster.mutatePod(pod!.namespace, pod!.name, (p) => { p.metadata.labels = { ...p.metadata.labels, touched: v }; });

    touch('1');
    await readAtLeast(1);
    expect(sim.stats().bytes['watch pods']).toBe(received);
    sim.resetStats();
    const before = received;
    touch('2');
    await readAtLeast(before + 1);
    expect(sim.stats().bytes).toEqual({ 'watch pods': received - before });
    controller.abort();
  });
});
