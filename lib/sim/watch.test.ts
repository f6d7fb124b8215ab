// WATCH over real HTTP: initial events, replay from a resourceVersion, 410, bookmarks,
// selector transitions, timeouts, and the injected watch faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';
import { openWatch } from './watch-client';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 10, pods: 150, seed: 5, historyWindow: 200, bookmarkIntervalMs: 100 }); });
afterAll(async () => { await sim.stop(); });

const listRv = async (path: string) => ((await (await fetch(sim.url + path)).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
const relabel = (ns: string, name: string, labels: Record<string, string>) =>
  sim.cluster.mutatePod(ns, name, (p) => { p.metadata.labels = { ...p.metadata.labels, ...labels }; });

describe('WATCH', () => {
  it('starts with synthetic ADDED for every object when no resourceVersion is given, then goes live', async () => {
    const w = await openWatch(`${sim.url}/api/v1/nodes?watch=1`);
    try {
      expect(w.status).toBe(200);
      await w.waitFor((ev) => ev.length >= sim.cluster.nodes());
      expect(w.events.every((e) => e.type === 'ADDED')).toBe(true);
      const victim = sim.cluster.listNodeNames()[0]!;
      sim.cluster.deleteNode(victim);
      await w.waitFor((ev) => ev.some((e) => e.type === 'DELETED' && e.object.metadata?.name === victim));
    } finally { w.close(); }
  });

  it('replays history after a resourceVersion, then streams live changes', async () => {
    const rv = await listRv('/api/v1/pods');
    const [a, b] = sim.cluster.listPodNames();
    relabel(a!.namespace, a!.name, { replay: 'one' });
    sim.cluster.deletePod(b!.namespace, b!.name);
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=true&resourceVersion=${rv}`);
    try {
      // only a and b: replacements scheduled after the node deletion above may interleave
      const ours = () => w.events.filter((e) => e.object.metadata?.name === a!.name || e.object.metadata?.name === b!.name);
      await w.waitFor(() => ours().length >= 2);
      expect(ours().slice(0, 2).map((e) => [e.type, e.object.metadata?.name])).toEqual([['MODIFIED', a!.name], ['DELETED', b!.name]]);
      const rvs = ours().map((e) => Number(e.object.metadata?.resourceVersion));
      expect(rvs[0]).toBeGreaterThan(Number(rv));
      expect(rvs[1]).toBeGreaterThan(rvs[0]!);
      relabel(a!.namespace, a!.name, { replay: 'two' });
      await w.waitFor((ev) => ev.some((e) => e.type === 'MODIFIED' && (e.object.metadata as { labels?: Record<string, string> }).labels?.replay === 'two'));
    } finally { w.close(); }
  });

  it('answers a too-old resourceVersion with an ERROR event carrying Status 410 Expired', async () => {
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=1`);
    await w.ended;
    expect(w.status).toBe(200);
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('sends bookmarks carrying only the resourceVersion when asked', async () => {
    const rv = await listRv('/api/v1/pods');
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`);
    try {
      const [bm] = (await w.waitFor((ev) => ev.some((e) => e.type === 'BOOKMARK'))).filter((e) => e.type === 'BOOKMARK');
      expect(bm!.object).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) } });
      const bmRv = Number(bm!.object.metadata!.resourceVersion);
      expect(bmRv).toBeGreaterThanOrEqual(Number(rv));
      expect(bmRv).toBeLessThanOrEqual(sim.cluster.resourceVersion());
    } finally { w.close(); }
    const plain = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
    await plain.ended;
    expect(plain.events.filter((e) => e.type === 'BOOKMARK')).toEqual([]);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${await listRv('/api/v1/pods')}&timeoutSeconds=1`);
    await w.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('turns a label change out of (and into) the selection into DELETED (and ADDED) for that watcher', async () => {
    const [p] = sim.cluster.listPodNames();
    relabel(p!.namespace, p!.name, { sel: 'in' });
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${await listRv('/api/v1/pods')}&labelSelector=sel%3Din`);
    try {
      relabel(p!.namespace, p!.name, { sel: 'out' });
      relabel(p!.namespace, p!.name, { sel: 'in' });
      await w.waitFor((ev) => ev.length >= 2);
      expect(w.events.map((e) => e.type)).toEqual(['DELETED', 'ADDED']);
    } finally { w.close(); }
  });
});

describe('streaming list and versioned LIST', () => {
  it('sendInitialEvents=true streams the current state, then an initial-events-end bookmark', async () => {
    const w = await openWatch(`${sim.url}/api/v1/nodes?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    try {
      await w.waitFor((ev) => ev.some((e) => e.type === 'BOOKMARK'));
      const end = w.events.findIndex((e) => e.type === 'BOOKMARK');
      expect(end).toBe(sim.cluster.nodes());
      expect((w.events[end]!.object.metadata as { annotations?: Record<string, string> }).annotations?.['k8s.io/initial-events-end']).toBe('true');
    } finally { w.close(); }
  });

  it('resourceVersionMatch=Exact lists the state as of that version', async () => {
    const [p] = sim.cluster.listPodNames();
    const rv = await listRv('/api/v1/pods');
    sim.cluster.deletePod(p!.namespace, p!.name);
    type L = { metadata: { resourceVersion: string }; items: Array<{ metadata: { name: string } }> };
    const exact = await (await fetch(`${sim.url}/api/v1/namespaces/${p!.namespace}/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`)).json() as L;
    expect(exact.metadata.resourceVersion).toBe(rv);
    expect(exact.items.some((i) => i.metadata.name === p!.name)).toBe(true);
    const latest = await (await fetch(`${sim.url}/api/v1/namespaces/${p!.namespace}/pods?resourceVersion=0`)).json() as L;
    expect(latest.items.some((i) => i.metadata.name === p!.name)).toBe(false);
    expect((await fetch(`${sim.url}/api/v1/pods?resourceVersion=1&resourceVersionMatch=Exact`)).status).toBe(410);
  });
});

describe('watch faults', () => {
  it('expireNextWatch answers exactly the next watch with 410', async () => {
    const rv = await listRv('/api/v1/pods');
    sim.faults.apply({ expireNextWatch: true });
    const first = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`);
    await first.ended;
    expect(first.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    const second = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
    await second.ended;
    expect(second.events.some((e) => e.type === 'ERROR')).toBe(false);
  });

  it('dropWatches ends every open watch; a restart without continuity expires old versions', async () => {
    const rv = await listRv('/api/v1/pods');
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`);
    await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ dropWatches: true }) });
    await w.ended;
    const w2 = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`);
    const res = await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ restart: { keepResourceVersion: false } }) });
    expect(res.status).toBe(200);
    await w2.ended;
    const after = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`);
    await after.ended;
    expect(after.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
  });

  it('hangWatches keeps the stream open but silent, without bookmarks', async () => {
    sim.faults.apply({ hangWatches: true });
    try {
      const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${await listRv('/api/v1/pods')}&allowWatchBookmarks=true&timeoutSeconds=1`);
      const [p] = sim.cluster.listPodNames();
      relabel(p!.namespace, p!.name, { hung: 'yes' });
      await w.ended;
      expect(w.events).toEqual([]);
    } finally { sim.faults.reset(); }
  });

  it('fails a share of requests with 429 + Retry-After, and adds latency', async () => {
    sim.faults.apply({ failRate: 1, failStatus: 429, retryAfterSeconds: 2 });
    const res = await fetch(`${sim.url}/api/v1/pods?limit=1`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    sim.faults.apply({ reset: true, latencyMs: 200 });
    const t0 = Date.now();
    expect((await fetch(`${sim.url}/api/v1/pods?limit=1`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    sim.faults.reset();
    const bad = await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ failRate: 7 }) });
    expect(bad.status).toBe(400);
  });

  it('an outage closes the listener and every connection, then serves the same state on the same port', async () => {
    const rv = await listRv('/api/v1/pods');
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rv}`);
    await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ outageMs: 700 }) });
    await w.ended;
    await expect(fetch(`${sim.url}/version`)).rejects.toThrow();
    let back = false;
    for (let i = 0; i < 100 && !back; i++) {
      back = await fetch(`${sim.url}/version`).then((r) => r.ok, () => false);
      if (!back) await new Promise((r) => setTimeout(r, 50));
    }
    expect(back).toBe(true);
    expect(await listRv('/api/v1/pods')).toBe(rv);
  });
});
