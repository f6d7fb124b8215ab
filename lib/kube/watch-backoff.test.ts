// The retry delay after an outage: a watch that then stood open for a while has proven the server
// is back, so when it breaks the next retry starts from the base delay again, not from what the
// outage grew. A server that restarts right after an outage is otherwise left waiting up to the cap.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@/lib/podnode/types';
import { ResourceSync, type BackoffInfo } from './resource-sync';
import { waitFor } from './test-support';

let stop = async () => {};
afterEach(async () => stop());

async function delayAfterBreak(openMs: number): Promise<{ outage: number[]; afterBreak: number[] }> {
  let watches = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.searchParams.get('watch') !== 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '5' }, items: [{ metadata: { name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '5' } }] }));
      return;
    }
    watches++;
    if (watches <= 4) {
      // the outage: four failed watches grow the delay
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 500, message: 'down' }));
    } else if (watches === 5) {
      // back: open and quiet, then the server goes away under it (a restart)
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      setTimeout(() => res.socket?.destroy(), openMs);
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  const abort = new AbortController();
  stop = async () => {
    abort.abort();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  const delays: Array<{ watches: number; delayMs: number }> = [];
  const sync = new ResourceSync(Promise.resolve(kc), {
    resource: 'pods', label: 'pods', kind: 'Pod', path: '/api/v1/pods', keyOf: (o) => o.metadata.uid, strip: (o) => o as KubeObject,
    pageLimit: 500, watchdogMs: 60_000, watchTimeoutSeconds: [300, 300], listIdleTimeoutMs: 5_000, backoff: { baseMs: 50, capMs: 10_000 },
  }, {
    upsert: () => {}, delete: () => {}, listed: () => {}, healthy: () => {}, failed: () => {}, relisting: () => {}, forbidden: () => {},
    backingOff: (b: BackoffInfo) => delays.push({ watches, delayMs: b.delayMs }),
  }, abort.signal);
  void sync.run();
  await waitFor(() => watches >= 6, 15_000, 'the watch after the break');
  return { outage: delays.filter((d) => d.watches <= 4).map((d) => d.delayMs), afterBreak: delays.filter((d) => d.watches === 5).map((d) => d.delayMs) };
}

it('a watch that stood open for a second and then broke is retried after the base delay, not the outage\'s', async () => {
  const { outage, afterBreak } = await delayAfterBreak(1_300);
  expect(outage).toHaveLength(4);
  expect(outage[3]).toBeGreaterThanOrEqual(200); // grown: 50, 100, 200, 400 ms ceilings
  expect(afterBreak).toHaveLength(1);
  expect(afterBreak[0]).toBeLessThanOrEqual(50); // the base delay again, not 400–800 ms
});

it('one the server answered and dropped at once is retried after at most base × 4', async () => {
  const { outage, afterBreak } = await delayAfterBreak(150);
  expect(outage[3]).toBeGreaterThanOrEqual(200);
  expect(afterBreak).toHaveLength(1);
  expect(afterBreak[0]).toBeLessThanOrEqual(200); // 100–200 ms, not the 400–800 the outage grew
});
