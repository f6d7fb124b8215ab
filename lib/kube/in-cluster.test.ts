// In a pod: no kubeconfig, KUBERNETES_SERVICE_HOST set, the service account's token and CA laid
// out as the kubelet lays them out. Against the simulator served over HTTPS with a CA and bearer
// tokens: the CA is verified, a rotated token is used at once, and a 401 or 403 reads clearly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimAuth, type SimHandle } from '@/lib/sim';
import { issue, makeCa, type Pki } from '@/lib/sim/test-pki';
import { resolveKubeConfig } from './kubeconfig';
import { ClusterCache } from './cluster-cache';
import { waitFor } from './test-support';

const SA_USER = 'system:serviceaccount:podnode:podnode';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-pod-'));
const saDir = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
let pki: Pki;
let server: { cert: string; key: string };
let sim: SimHandle | undefined;
const caches: ClusterCache[] = [];

beforeAll(() => {
  pki = makeCa(path.join(root, 'pki'));
  server = issue(pki, 'apiserver', { cn: 'kube-apiserver', san: 'IP:127.0.0.1,DNS:localhost' });
  fs.mkdirSync(saDir, { recursive: true });
});
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.stop()));
  await sim?.stop();
  sim = undefined;
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function podWithServiceAccount(auth: SimAuth, opts: { ca?: string; namespaces?: string[]; cacheNamespaces?: string[] } = {}) {
  sim = await startSim({
    nodes: 6, pods: 90, seed: 3, churn: 0, bookmarkIntervalMs: 300, namespaces: opts.namespaces,
    tls: { cert: server.cert, key: server.key, ca: fs.readFileSync(pki.caCert, 'utf8') },
    auth,
  });
  fs.writeFileSync(path.join(saDir, 'ca.crt'), opts.ca ?? fs.readFileSync(pki.caCert, 'utf8'));
  fs.writeFileSync(path.join(saDir, 'namespace'), 'podnode');
  const env = { HOME: root, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(sim.port) };
  const resolved = resolveKubeConfig({ env, inClusterRoot: root });
  expect(resolved?.source).toBe('in-cluster');
  const cache = new ClusterCache({
    kc: resolved!.kc, context: resolved!.context, batchWindowMs: 50, backoff: { baseMs: 50, capMs: 300 },
    namespaces: opts.cacheNamespaces, forbiddenRetryMs: 60_000,
  }).start();
  caches.push(cache);
  return cache;
}

describe('in a pod, with its service account', () => {
  it('lists and watches over HTTPS, verifying the cluster CA, and keeps going when the token rotates', async () => {
    fs.writeFileSync(path.join(saDir, 'token'), 'token-one');
    const tokens = new Map([['token-one', SA_USER]]);
    const cache = await podWithServiceAccount({ tokens });
    await cache.whenSynced(20_000);
    expect(cache.context().server).toBe(`https://127.0.0.1:${sim!.port}`);
    expect(cache.podCount).toBe(sim!.cluster.pods());

    // the kubelet writes a new token and the old one stops being accepted
    fs.writeFileSync(path.join(saDir, 'token'), 'token-two');
    tokens.set('token-two', SA_USER);
    tokens.delete('token-one');
    sim!.faults.apply({ dropWatches: true }); // every loop must reconnect, with whatever token it sends
    const victim = sim!.cluster.listPodNames()[0]!;
    sim!.cluster.deletePod(victim.namespace, victim.name);
    await waitFor(() => cache.podCount === sim!.cluster.pods(), 10_000, 'the change made after the rotation');
    await waitFor(() => cache.getStatus().state === 'live', 10_000, 'both watches back');
    expect(sim!.stats().counts.unauthorized ?? 0).toBe(0); // the new token was sent at once, never the old one
  });

  it('refuses a server whose certificate the pod’s CA did not sign', async () => {
    fs.writeFileSync(path.join(saDir, 'token'), 'token-one');
    const other = makeCa(path.join(root, 'other-pki'), 'someone-else');
    const cache = await podWithServiceAccount({ tokens: new Map([['token-one', SA_USER]]) }, { ca: fs.readFileSync(other.caCert, 'utf8') });
    const status = await waitFor(() => (cache.getStatus().state === 'stale' ? cache.getStatus() : null), 10_000, 'a TLS failure in the status');
    expect(status.message).toMatch(/certificate/i);
    expect(cache.podCount).toBe(0);
  });

  it('a token the API server does not accept is a 401 in the status', async () => {
    fs.writeFileSync(path.join(saDir, 'token'), 'not-a-token');
    const cache = await podWithServiceAccount({ tokens: new Map([['token-one', SA_USER]]) });
    const status = await waitFor(() => (cache.getStatus().state === 'stale' ? cache.getStatus() : null), 10_000, 'a 401 in the status');
    expect(status.message).toContain('HTTP 401');
  });

  it('only the namespaces it may read, with the 403 on nodes named as a limit, and no retry storm', async () => {
    fs.writeFileSync(path.join(saDir, 'token'), 'token-one');
    const canRead = (_user: string, resource: string, namespace: string | undefined) => resource === 'pods' && namespace === 'team-a';
    const cache = await podWithServiceAccount({ tokens: new Map([['token-one', SA_USER]]), canRead }, { namespaces: ['team-a', 'team-b'], cacheNamespaces: ['team-a'] });
    await cache.whenSynced(20_000);
    const inTeamA = sim!.cluster.listPodNames().filter((p) => p.namespace === 'team-a').length;
    expect(inTeamA).toBeGreaterThan(0);
    expect(cache.podCount).toBe(inTeamA);
    expect([...cache.pods()].every((p) => p.metadata.namespace === 'team-a')).toBe(true);
    const status = cache.getStatus();
    expect(status.state).toBe('live');
    expect(status.limits?.join(' ')).toMatch(/nodes: forbidden .*ClusterRole/);
    // Let the pods watch run through several bookmarks: all the while, nodes were asked for once.
    const bookmarks = cache.metrics().pods.bookmarks;
    await waitFor(() => cache.metrics().pods.bookmarks >= bookmarks + 4, 10_000, 'four more bookmarks on the pods watch');
    expect(sim!.stats().counts['failed forbidden nodes']).toBe(1);
  });

  it('a 403 on listing pods cluster-wide names PODNODE_NAMESPACES', async () => {
    fs.writeFileSync(path.join(saDir, 'token'), 'token-one');
    const canRead = (_user: string, resource: string, namespace: string | undefined) => resource === 'nodes' || namespace !== undefined;
    const cache = await podWithServiceAccount({ tokens: new Map([['token-one', SA_USER]]), canRead });
    await cache.whenSynced(20_000);
    expect(cache.getStatus().limits?.join(' ')).toMatch(/pods: forbidden .*PODNODE_NAMESPACES/);
    expect(cache.nodes().size).toBe(6);
  });
});
