// The switches the chaos suite and the fan-out benchmark use: an expired continue token, the churn
// rate changed at run time, pods stamped with the time the simulator wrote them, and the end of a
// hang closing the watches that lost events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';
import { EMITTED_AT } from './sim-state';

let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 10, pods: 200, seed: 5 }); });
afterAll(async () => { await sim.stop(); });

type List = { metadata: { continue?: string; resourceVersion: string }; items: Array<{ metadata: { annotations?: Record<string, string> } }> };
const get = async (path: string) => { const res = await fetch(sim.url + path); return { status: res.status, body: await res.json() as Record<string, unknown> }; };

describe('chaos switches', () => {
  it('expireNextContinue: the next continued page is a 410 Status, once; a fresh LIST is fine', async () => {
    const first = (await get('/api/v1/pods?limit=50')).body as unknown as List;
    expect(first.metadata.continue).toBeTruthy();
    sim.faults.apply({ expireNextContinue: true });
    const next = `/api/v1/pods?limit=50&continue=${encodeURIComponent(first.metadata.continue ?? '')}`;
    const expired = await get(next);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(sim.faults.current().expireNextContinue).toBe(false);
    expect((await get(next)).status).toBe(200);
  });

  it('churnPerSecond starts and stops churn at run time; reset returns to the starting rate', async () => {
    const rv = async () => Number((await get('/sim/cluster')).body.resourceVersion);
    const before = await rv();
    sim.faults.apply({ churnPerSecond: 200 });
    await expect.poll(rv, { timeout: 5_000 }).toBeGreaterThan(before + 20);
    sim.faults.apply({ reset: true });
    expect(sim.faults.current().churnPerSecond).toBe(0);
    // stopped: two reads 300 ms apart (polled) settle on the same version
    let last = await rv();
    await expect.poll(async () => { const now = await rv(); const same = now === last; last = now; return same; }, { timeout: 5_000, interval: 300 }).toBe(true);
  });

  it('stampPods: every pod written afterwards carries when it was written', async () => {
    sim.faults.apply({ stampPods: true });
    const t0 = Date.now();
    sim.cluster.churnOnce();
    for (let i = 0; i < 20; i++) sim.cluster.churnOnce();
    const pods = ((await get('/api/v1/pods')).body as unknown as List).items;
    const stamps = pods.map((p) => Number(p.metadata.annotations?.[EMITTED_AT])).filter((n) => n > 0);
    expect(stamps.length).toBeGreaterThan(0);
    for (const s of stamps) { expect(s).toBeGreaterThanOrEqual(t0); expect(s).toBeLessThanOrEqual(Date.now()); }
    sim.faults.apply({ reset: true });
    expect(sim.faults.current().stampPods).toBe(false);
  });

  it('hangWatches: a watch that was hung is closed when the hang ends, not resumed with a gap', async () => {
    const res = await fetch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${sim.cluster.resourceVersion()}`);
    const ended = res.text(); // resolves once the server ends the stream
    await expect.poll(() => sim.openWatches()).toBe(1);
    sim.faults.apply({ hangWatches: true });
    sim.cluster.churnOnce(); // not sent: this watch can never deliver it now
    sim.faults.apply({ hangWatches: false });
    await ended;
    expect(sim.openWatches()).toBe(0);
  });
});
