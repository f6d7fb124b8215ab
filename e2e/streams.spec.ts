// Every stream is bounded: a cap on how many are open at once, and a bound on what waits for a
// client that stops reading, which is then dropped (it reconnects and resyncs) instead of growing
// the server. Against a churning simulator and a dashboard of this test's own.
import net from 'node:net';
import { test, expect } from '@playwright/test';
import { startOwnStack, type OwnStack } from './own-stack';

test.describe.configure({ mode: 'serial' });
let stack: OwnStack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startOwnStack({
    port: 3291, simPort: 16491, churn: 300, pods: 3000,
    env: { PODNODE_MAX_STREAMS: '3', PODNODE_STREAM_BACKLOG_BYTES: String(1024 * 1024) },
  });
});
test.afterAll(() => stack?.stop());

test('beyond PODNODE_MAX_STREAMS a new stream is a 503 with Retry-After; a closed one frees its place', async () => {
  const open = await Promise.all([1, 2, 3].map(() => {
    const ac = new AbortController();
    return fetch(`${stack.base}/api/podnodes/stream?ns=none`, { signal: ac.signal }).then((res) => ({ res, ac }));
  }));
  for (const { res } of open) expect(res.status).toBe(200);
  const fourth = await fetch(`${stack.base}/api/podnodes/stream?ns=none`);
  expect(fourth.status).toBe(503);
  expect(fourth.headers.get('retry-after')).toBe('10');
  expect((await fourth.json()).error).toContain('PODNODE_MAX_STREAMS');
  open[0]!.ac.abort();
  await expect.poll(async () => {
    const ac = new AbortController();
    const res = await fetch(`${stack.base}/api/podnodes/stream?ns=none`, { signal: ac.signal });
    ac.abort();
    return res.status;
  }).toBe(200);
  for (const { ac } of open) ac.abort();
});

test('a client that stops reading is dropped once its backlog passes the bound; server memory stays flat', async () => {
  test.setTimeout(120_000);
  const rssBefore = stack.rssMb();
  // A raw socket that sends the request, sees the 200, and then never reads: the server's writes
  // back up behind it. (Retried while the previous test's streams are still being released.)
  const o = encodeURIComponent('pod.spec,pod.status,pod.metadata');
  let socket!: net.Socket;
  await expect.poll(async () => {
    socket = net.connect(3291, '127.0.0.1');
    socket.write(`GET /api/podnodes/stream?o=${o} HTTP/1.1\r\nHost: 127.0.0.1:3291\r\nAccept: text/event-stream\r\n\r\n`);
    const head = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString('latin1', 0, 20))));
    socket.pause();
    if (!head.startsWith('HTTP/1.1 200')) socket.destroy();
    return head.slice(0, 12);
  }).toBe('HTTP/1.1 200');
  let rssPeak = rssBefore;
  await expect.poll(() => {
    rssPeak = Math.max(rssPeak, stack.rssMb());
    return stack.logs().includes('dropped a stream that stopped reading');
  }, { timeout: 90_000, intervals: [500] }).toBe(true);
  // Now read what the server had sent before it let go: the stream has ended, it did not hang.
  let received = 0;
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('data', (d: Buffer) => (received += d.length));
  socket.resume();
  await ended;
  expect(received).toBeGreaterThan(1024 * 1024); // it did stream, past the bound, before it stopped
  const growth = rssPeak - rssBefore;
  const summary = `RSS ${rssBefore.toFixed(0)} MB before, peak ${rssPeak.toFixed(0)} MB while unread; ${(received / 1048576).toFixed(1)} MB sent before the drop`;
  console.log(`unread stream: ${summary}`);
  test.info().annotations.push({ type: 'memory', description: summary });
  // Unbounded, the patches of 300 changes/s with three object columns would pile up in the server
  // (hundreds of MB over this test); bounded, the server lets go of them with the stream.
  expect(growth).toBeLessThan(200);
});
