import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { getJson, isGone, KubeApiError, parseRetryAfter } from './kube-request';

// A tiny server for what the simulator does not do: gzip, a path prefix, header checks.
let server: http.Server;
let base = '';
const seen: http.IncomingHttpHeaders[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/prefix/api/v1/pods' && url.searchParams.get('limit') === '2') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync(JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '7' }, items: [] })));
    } else if (url.pathname === '/prefix/api/v1/gone') {
      res.writeHead(410, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 410, reason: 'Expired', message: 'continue token too old' }));
    } else {
      res.writeHead(429, { 'Retry-After': '3' });
      res.end('slow down');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function kc(): KubeConfig {
  const k = new KubeConfig();
  k.loadFromOptions({
    clusters: [{ name: 'c', server: base, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return k;
}

const signal = new AbortController().signal;

describe('getJson', () => {
  it('keeps the server path prefix, decompresses gzip and sends the kubeconfig token', async () => {
    const page = await getJson(kc(), '/api/v1/pods', { limit: 2, continue: undefined }, { signal });
    expect(page).toMatchObject({ kind: 'PodList', metadata: { resourceVersion: '7' } });
    expect(seen.at(-1)?.authorization).toBe('Bearer secret-token');
    expect(seen.at(-1)?.['accept-encoding']).toContain('gzip');
  });

  it('turns a 410 Status into a KubeApiError that isGone', async () => {
    const err = await getJson(kc(), '/api/v1/gone', {}, { signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect(isGone(err)).toBe(true);
    expect((err as KubeApiError).message).toContain('continue token too old');
  });

  it('carries Retry-After on a 429', async () => {
    const err = (await getJson(kc(), '/api/v1/other', {}, { signal }).catch((e: unknown) => e)) as KubeApiError;
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBe(3);
    expect(isGone(err)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    const inFive = new Date(Date.now() + 5000).toUTCString();
    expect(parseRetryAfter(inFive)).toBeGreaterThan(3);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
