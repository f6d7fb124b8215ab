// A paged LIST asks for the next page as soon as a page's head names it (what that saves is
// measured by the bench's first sync, not here), and still reads every page, each once, from a
// server that writes the items before the metadata (then it waits for the parsed page), and cancels
// the page it asked for ahead when the one before turns out unreadable.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@/lib/podnode/types';
import { continueFromHead } from './kube-request';
import { ResourceSync } from './resource-sync';
import { waitFor } from './test-support';

describe('continueFromHead', () => {
  const page = (meta: object, items = '[{"metadata":{"name":"a","items":[1]}}]') => `{"kind":"PodList","apiVersion":"v1","metadata":${JSON.stringify(meta)},"items":${items}}`;

  it('reads the continue token of a list whose metadata comes first, as the API server writes it', () => {
    expect(continueFromHead(page({ resourceVersion: '7', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', remainingItemCount: 10 }))).toBe('eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ');
    expect(continueFromHead(page({ resourceVersion: '7' }))).toBe('');
    expect(continueFromHead(page({ resourceVersion: '7', continue: '' }))).toBe('');
  });

  it('says nothing when the head does not: items first, no metadata, a head cut short, not JSON', () => {
    expect(continueFromHead('{"kind":"PodList","items":[{"metadata":{"name":"a"}}],"metadata":{"resourceVersion":"7","continue":"x"}}')).toBeNull();
    expect(continueFromHead('{"kind":"PodList","items":[]}')).toBeNull();
    expect(continueFromHead(`{"kind":"PodList","metadata":{"resourceVersion":"7","continue":"${'x'.repeat(9000)}"},"items":[]}`)).toBeNull();
    expect(continueFromHead('<html>"items":</html>')).toBeNull();
  });
});

type Served = { paths: string[]; close: () => Promise<void>; url: string };

/** Three pages of two pods, with the metadata before or after the items; watches stay open. */
async function listServer(metadataFirst: boolean): Promise<Served> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    paths.push(url.search);
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return; // open and quiet until the test stops
    }
    const n = Number(url.searchParams.get('continue') || '0');
    const items = JSON.stringify([0, 1].map((i) => ({ metadata: { name: `p${n * 2 + i}`, namespace: 'ns', uid: `u${n * 2 + i}`, resourceVersion: '5' } })));
    const metadata = JSON.stringify({ resourceVersion: '5', ...(n < 2 ? { continue: String(n + 1) } : {}) });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(metadataFirst ? `{"kind":"PodList","apiVersion":"v1","metadata":${metadata},"items":${items}}` : `{"kind":"PodList","items":${items},"metadata":${metadata}}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    paths,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

let stop = async () => {};
afterEach(async () => stop());

describe('a paged LIST', () => {
  for (const metadataFirst of [true, false]) {
    it(`reads all three pages, each once, in order (metadata ${metadataFirst ? 'first' : 'after the items'})`, async () => {
      const served = await listServer(metadataFirst);
      const kc = new KubeConfig();
      kc.loadFromOptions({ clusters: [{ name: 'c', server: served.url, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
      const abort = new AbortController();
      const held = new Map<string, KubeObject>();
      let listed = 0;
      const failures: string[] = [];
      const sync = new ResourceSync(Promise.resolve(kc), {
        resource: 'pods', label: 'pods', kind: 'Pod', path: '/api/v1/pods', keyOf: (o) => o.metadata.uid, pageLimit: 2,
        strip: (o) => o as KubeObject,
        watchdogMs: 60_000, watchTimeoutSeconds: [300, 300], listIdleTimeoutMs: 5_000,
      }, {
        upsert: (o) => held.set(o.metadata.uid, o), delete: (o) => held.delete(o.metadata.uid), listed: () => listed++,
        healthy: () => {}, failed: (e) => failures.push(e.message), relisting: () => {}, forbidden: (e) => failures.push(e.message),
      }, abort.signal);
      stop = async () => { abort.abort(); await served.close(); };
      void sync.run();
      await waitFor(() => listed === 1 || failures.length > 0, 5_000, 'the LIST to complete');
      expect(failures).toEqual([]);
      expect([...held.keys()].sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
      const lists = served.paths.filter((p) => !p.includes('watch=true'));
      expect(lists).toEqual(['?limit=2', '?limit=2&continue=1', '?limit=2&continue=2']);
    });
  }
});

describe('a page asked for ahead', () => {
  it('is cancelled, not read to its end, when the page before it cannot be parsed', async () => {
    const closed: string[] = [];
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.searchParams.get('watch') === 'true') return void res.writeHead(200);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const cont = url.searchParams.get('continue');
      if (!cont) return void res.end('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5","continue":"2"},"items":[{"metadata":');
      // the next page: its head, then nothing, until the client lets go
      res.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[');
      res.on('close', () => closed.push(cont));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    const abort = new AbortController();
    const failures: string[] = [];
    const sync = new ResourceSync(Promise.resolve(kc), {
      resource: 'pods', label: 'pods', kind: 'Pod', path: '/api/v1/pods', keyOf: (o) => o.metadata.uid, pageLimit: 2,
      strip: (o) => o as KubeObject,
      watchdogMs: 60_000, watchTimeoutSeconds: [300, 300], listIdleTimeoutMs: 30_000,
      backoff: { baseMs: 60_000, capMs: 60_000 },
    }, {
      upsert: () => {}, delete: () => {}, listed: () => {},
      healthy: () => {}, failed: (e) => failures.push(e.message), relisting: () => {}, forbidden: (e) => failures.push(e.message),
    }, abort.signal);
    stop = async () => { abort.abort(); server.closeAllConnections(); await new Promise<void>((r) => server.close(() => r())); };
    void sync.run();
    await waitFor(() => failures.length > 0, 5_000, 'the unreadable page to fail the LIST');
    expect(failures[0]).toMatch(/^list: .*JSON/);
    await waitFor(() => closed.includes('2'), 5_000, 'the page asked for ahead to be cancelled');
  });
});
