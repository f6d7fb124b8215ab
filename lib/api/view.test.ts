// The one view resolver, as every route and the page use it: the request's faults are 400s that
// name the parameter; the server's (an unreadable kubeconfig) are 503s, whatever the request said.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stopClusterCaches } from '@/lib/kube/registry';
import { startTestSim } from '@/lib/kube/test-support';
import type { SimHandle } from '@/lib/sim';
import { FORMATS, failureResponse, resolveView } from './view';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-view-'));
const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME, PODNODE_CONTEXT: process.env.PODNODE_CONTEXT };
let sim: SimHandle;

beforeAll(async () => {
  sim = await startTestSim({ pods: 40, nodes: 4 });
  await sim.writeKubeconfig(path.join(dir, 'good.yaml'));
  fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nclusters: [oops\n');
  Object.assign(process.env, { HOME: dir, PODNODE_CONTEXT: '', KUBERNETES_SERVICE_HOST: '' });
});
afterEach(() => stopClusterCaches());
afterAll(async () => {
  await sim.stop();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

const local = new Headers({ host: 'localhost:3000' });
const resolve = (query: string, opts: Omit<Parameters<typeof resolveView>[1], 'headers'> = {}) => resolveView(new URLSearchParams(query), { ...opts, headers: local });

describe('resolveView', () => {
  it('resolves query, context and format, and waits for the first sync when asked', async () => {
    process.env.KUBECONFIG = path.join(dir, 'good.yaml');
    const r = await resolve('ns=default&format=csv&ctx=podnode-sim', { formats: FORMATS, waitForSync: true });
    if (!r.ok) throw new Error(r.failure.body.error);
    expect(r.view.format).toBe('csv');
    expect(r.view.context).toBe('podnode-sim');
    expect(r.view.query.namespaces).toEqual(['default']);
    expect(r.view.index.size).toBe(sim.cluster.pods());
  });

  it.each([
    ['f=pod.metadata.labels[oops', 'f'],
    ['format=xml', 'format'],
    ['ctx=nope', 'ctx'],
    ['ctx=podnode-sim&ctx=other', 'ctx'],
    [`ctx=${'x'.repeat(300)}`, 'ctx'],
  ])('%s is the request’s fault: 400 naming %s', async (query, param) => {
    process.env.KUBECONFIG = path.join(dir, 'good.yaml');
    const r = await resolve(query, { formats: FORMATS });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure).toMatchObject({ status: 400, kind: 'request', body: { where: { param } } });
    const res = failureResponse(r.failure);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.any(String), where: { param } });
  });

  it('checks who is asking itself, without relying on the proxy: a foreign Host is a 403 before anything is read', async () => {
    process.env.KUBECONFIG = path.join(dir, 'broken.yaml'); // were the cluster touched, this would be a 503
    const r = await resolveView(new URLSearchParams('ns=a'), { headers: new Headers({ host: 'attacker.example' }) });
    expect(r.ok ? null : r.failure).toMatchObject({ status: 403, kind: 'forbidden', body: { error: expect.stringContaining('PODNODE_ALLOWED_HOSTS') } });
  });

  it('an unknown context is a 400 that names only what was asked for, never the other contexts', async () => {
    process.env.KUBECONFIG = path.join(dir, 'good.yaml');
    const r = await resolve('ctx=nope');
    expect(r.ok ? null : r.failure.body.error).toBe('context "nope" is not one this dashboard serves');
  });

  it('a route that serves only json refuses another format', async () => {
    process.env.KUBECONFIG = path.join(dir, 'good.yaml');
    const r = await resolve('format=csv');
    expect(r.ok ? null : r.failure.body).toMatchObject({ where: { param: 'format' }, error: expect.stringContaining('use one of json') });
  });

  it('an unreadable kubeconfig is the server’s fault: 503 with Retry-After, even when the request names a context', async () => {
    process.env.KUBECONFIG = path.join(dir, 'broken.yaml');
    for (const query of ['', 'ctx=podnode-sim']) {
      const r = await resolve(query);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.failure).toMatchObject({ status: 503, kind: 'cluster' });
      expect(r.failure.body.where).toBeUndefined();
      const res = failureResponse(r.failure);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    }
  });
});
