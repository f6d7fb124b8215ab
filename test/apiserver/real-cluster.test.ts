// The judge nobody here wrote: a real kube-apiserver and etcd (test/controlplane), loaded with a
// simulator-generated cluster. The dashboard's cache, the CLI and kubectl must agree on it; RBAC,
// live changes and real faults behave as they do against a real cluster; and the simulator answers
// the same requests in the same shapes. PodDisruptionBudgets and events: spot-resources.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSim, type SimHandle } from '@/lib/sim';
import type { ClusterCache } from '@/lib/kube/cluster-cache';
import { waitFor } from '@/lib/kube/test-support';
import { continueFromHead } from '@/lib/kube/kube-request';
import { RowIndex } from '@/lib/rows/row-index';
import { capacityTypeOf } from '@/lib/podnode/capacity-types';
import { nodeGroupOf } from '@/lib/podnode/node-info';
import { runCli } from '@/lib/cli/run-cli';
import { startControlPlane, type ControlPlane } from '../controlplane/control-plane';
import { adminClient, type Kube } from './kube-client';
import { loadCluster, type Loaded } from './loader';
import { shapeDiff } from './shapes';
import { cacheMaker, columns, controlPlaneSuite, kubectlWith, LIST_INTENDED, realGet as realGetOn, SIM_TOKEN, simGet, TABLE_ACCEPT, tokenKubeconfig, workDir, type Answer } from './support';

const suite = controlPlaneSuite();

let cp: ControlPlane;
let kube: Kube;
let sim: SimHandle;
let loaded: Loaded;
const work = workDir('podnode-real-');
const caches: ClusterCache[] = [];
const cacheOn = cacheMaker(work, caches);
const kubectl = (args: string[], kubeconfig = cp.adminKubeconfig): string => kubectlWith(kubeconfig, args);

suite('against a real kube-apiserver', () => {
  beforeAll(async () => {
    const started = Date.now();
    cp = await startControlPlane({
      tokens: [
        ...Array.from({ length: 40 }, (_, i) => ({ token: `exec-token-${i}`, user: 'exec-user', groups: ['system:masters'] })),
        { token: 'nobody-token', user: 'nobody' },
      ],
    });
    kube = adminClient(cp.adminKubeconfig);
    sim = await startSim({ nodes: 12, pods: 160, seed: 11, churn: 0, profile: 'mixed', namespaces: ['team-a', 'team-b'] });
    loaded = await loadCluster(kube, sim);
    console.log(`real control plane: kubernetes v${cp.versions.kubernetes}, etcd v${cp.versions.etcd}; up and loaded (${loaded.nodes} nodes, ${loaded.pods} pods) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  afterAll(async () => {
    await Promise.all(caches.map((c) => c.stop()));
    await sim?.stop();
    await cp?.stop();
  });

  it('the dashboard’s rows and the CLI equal what kubectl says, over TLS with the admin client certificate', async () => {
    // small pages: the LIST runs one page ahead on the real server's continue tokens, read from each page's head
    const cache = cacheOn(cp.adminKubeconfig, { pageLimit: 25 });
    // made before the sync, as the dashboard and the CLI make theirs: it joins each pod as it arrives
    const early = new RowIndex(cache);
    await cache.whenSynced(30_000);
    expect(cache.metrics().pods.listPages).toBeGreaterThan(1);
    cache.flushChanges();
    const index = new RowIndex(cache);
    expect(early.joinedOnArrival).toBe(loaded.pods);
    const byUid = (i: RowIndex) => new Map([...i.rows()].map((r) => [r.uid, r]));
    expect(byUid(early)).toEqual(byUid(index));
    const wide = columns(kubectl(['get', 'pods', '-A', '-o', 'wide']));
    expect(wide.length).toBe(loaded.pods);
    const rows = new Map([...index.rows()].map((r) => [`${r.namespace}/${r.podName}`, r]));
    expect(rows.size).toBe(loaded.pods);
    for (const k of wide) {
      const row = rows.get(`${k.NAMESPACE}/${k.NAME}`)!;
      expect(row, `${k.NAMESPACE}/${k.NAME}`).toBeDefined();
      expect(row.status, `${k.NAME} STATUS`).toBe(k.STATUS);
      expect(String(row.restarts), `${k.NAME} RESTARTS`).toBe(k.RESTARTS!.split(' ')[0]); // "2 (5m ago)"
      expect(row.ready, `${k.NAME} READY`).toBe(k.READY);
      expect(row.nodeName ?? '<none>', `${k.NAME} NODE`).toBe(k.NODE);
    }
    // capacity and group labels as `kubectl get nodes -L` shows them, against what the rows carry
    const schemes = ['karpenter.sh/capacity-type', 'eks.amazonaws.com/capacityType', 'cloud.google.com/gke-spot', 'kubernetes.azure.com/scalesetpriority', 'eks.amazonaws.com/nodegroup', 'karpenter.sh/nodepool'];
    const shown = columns(kubectl(['get', 'nodes', ...schemes.flatMap((l) => ['-L', l])]));
    expect(shown.length).toBe(loaded.nodes);
    for (const n of shown) {
      for (const r of [...index.rows()].filter((row) => row.nodeName === n.NAME)) {
        for (const l of schemes) {
          const column = l.split('/').pop()!.toUpperCase();
          expect(r.node?.metadata.labels?.[l] ?? '', `${n.NAME} ${l}`).toBe(n[column] ?? '');
        }
        expect(r.capacityType).toBe(capacityTypeOf(r.node?.metadata.labels));
        expect(r.nodeGroup).toBe(nodeGroupOf(r.node?.metadata.labels));
      }
    }
    // the CLI, in its own process, over the same TLS client certificate
    const cli = await runCli(['get', 'pn', '-o', 'namespace,pod_name,pod_state,node_name', '--json'], { KUBECONFIG: cp.adminKubeconfig, HOME: work, XDG_CACHE_HOME: work, PODNODE_CONTEXT: '' });
    expect(cli.stderr).toBe('');
    const printed = JSON.parse(cli.stdout) as Record<string, string | null>[];
    expect(printed.length).toBe(loaded.pods);
    for (const p of printed) expect(rows.get(`${p.namespace}/${p.pod_name}`)?.status).toBe(p.pod_state);
  });

  it('requests equal the per-pod table of kubectl describe node', async () => {
    const cache = cacheOn(cp.adminKubeconfig);
    await cache.whenSynced(30_000);
    cache.flushChanges();
    const index = new RowIndex(cache);
    const node = [...cache.nodes().keys()].find((n) => [...index.rows()].filter((r) => r.nodeName === n && r.cpuRequest > 0).length >= 2)!;
    const text = kubectl(['describe', 'node', node]);
    const table = text.split('Non-terminated Pods:')[1]!.split('Allocated resources:')[0]!;
    const lines = table.split('\n').filter((l) => /^\s+\S+\s+\S+\s+\d+m?\s/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    const toMilli = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
    const toBytes = (q: string) => {
      const m = /^(\d+)(Ki|Mi|Gi|k|M|G)?$/.exec(q)!;
      return Number(m[1]) * ({ Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1);
    };
    for (const line of lines) {
      const [ns, name, cpuReq, , cpuLim, , memReq, , memLim] = line.trim().split(/\s+/);
      const row = [...index.rows()].find((r) => r.namespace === ns && r.podName === name)!;
      expect(row.cpuRequest, `${name} cpu request`).toBe(toMilli(cpuReq!));
      expect(row.cpuLimit, `${name} cpu limit`).toBe(toMilli(cpuLim!));
      expect(row.memoryRequest, `${name} memory request`).toBe(toBytes(memReq!));
      expect(row.memoryLimit, `${name} memory limit`).toBe(toBytes(memLim!));
    }
  });

  const saKubeconfig = (name: string) => tokenKubeconfig(cp.adminKubeconfig, kubectl(['-n', 'podnode', 'create', 'token', 'podnode']).trim(), path.join(work, name));
  const held = (kind: 'events' | 'poddisruptionbudgets', keep: (ns: string) => boolean = () => true) =>
    (JSON.parse(kubectl(['get', kind, '-A', '-o', 'json'])) as { items: { metadata: { namespace: string } }[] }).items.filter((o) => keep(o.metadata.namespace)).length;
  const SA = '--as=system:serviceaccount:podnode:podnode';

  it('RBAC for real: deploy/ gives the service account exactly get, list, watch on pods, nodes, events and PDBs, and the dashboard syncs with its token', async () => {
    kubectl(['apply', '-k', 'deploy/']);
    const canI = kubectl(['auth', 'can-i', '--list', SA]);
    const grants = canI.split('\n').flatMap((l) => /^(pods|nodes|events|poddisruptionbudgets\.policy)\s+\[\]\s+\[\]\s+\[(.*)\]\s*$/.exec(l)?.slice(1, 3).join(' ') ?? []);
    expect(grants.sort()).toEqual(['events get list watch', 'nodes get list watch', 'poddisruptionbudgets.policy get list watch', 'pods get list watch']);
    // the only writes are the self-reviews every authenticated user may create
    const writers = canI.split('\n').filter((l) => /\[[^\]]*\b(create|update|patch|delete|deletecollection)\b[^\]]*\]\s*$/.test(l)).map((l) => l.split(/\s+/)[0]!);
    expect(writers.filter((r) => !/^self\w*reviews\.authentic|^self\w*reviews\.authoriz/.test(r))).toEqual([]);
    for (const [verb, resource] of [['delete', 'pods'], ['create', 'events'], ['patch', 'poddisruptionbudgets.policy']]) {
      const answer = spawnSync('kubectl', ['--kubeconfig', cp.adminKubeconfig, 'auth', 'can-i', verb!, resource!, SA], { encoding: 'utf8' });
      expect(answer.stdout.trim(), `${verb} ${resource}`).toBe('no'); // (and exit 1, kubectl's way of saying no)
    }
    const cache = cacheOn(saKubeconfig('sa.kubeconfig'));
    await cache.whenSynced(30_000);
    expect(cache.podCount).toBe(loaded.pods);
    const [events, pdbs] = [held('events'), held('poddisruptionbudgets')];
    expect(pdbs).toBe(loaded.pdbs);
    await waitFor(() => [...cache.events()].length === events && [...cache.pdbs()].length === pdbs, 10_000, 'the events and PDBs listed with the token');
    expect(cache.getStatus().limits).toBeUndefined();
  });

  it('the namespaced overlay: only its namespaces with their events and PDBs, the missing node permission named, no retry storm', async () => {
    kubectl(['apply', '-k', 'deploy/namespaced']);
    kubectl(['delete', 'clusterrolebinding', 'podnode-explorer-read', '--ignore-not-found']);
    const kubeconfig = saKubeconfig('sa-ns.kubeconfig');
    const teams = ['team-a', 'team-b'];
    const cache = cacheOn(kubeconfig, { namespaces: teams });
    await cache.whenSynced(30_000);
    const expected = sim.cluster.listPodNames().filter((p) => teams.includes(p.namespace)).length;
    expect(cache.podCount).toBe(expected);
    const [events, pdbs] = [held('events', (ns) => teams.includes(ns)), held('poddisruptionbudgets', (ns) => teams.includes(ns))];
    expect(events * pdbs).toBeGreaterThan(0);
    await waitFor(() => [...cache.events()].length === events && [...cache.pdbs()].length === pdbs, 10_000, 'the teams’ events and PDBs');
    expect(cache.getStatus().limits).toEqual([expect.stringMatching(/^nodes: forbidden/)]);

    // the CLI with -n reads what these credentials may read: the teams' pods, and it says on
    // stderr that the nodes are forbidden rather than failing (the rows have no node)
    const cliEnv = { KUBECONFIG: kubeconfig, HOME: work, XDG_CACHE_HOME: path.join(work, 'ns-cache'), PODNODE_CONTEXT: '' };
    const cli = await runCli(['get', 'pn', '-n', teams.join(','), '-o', 'namespace,pod_name,node_lifecycle', '--json'], cliEnv);
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.stdout) as Record<string, string | null>[];
    expect(printed.length).toBe(expected);
    expect(new Set(printed.map((p) => p.namespace))).toEqual(new Set(teams));
    expect(cli.stderr).toMatch(/^podnode: warning: nodes: forbidden/m);
    const saved = fs.readdirSync(path.join(work, 'ns-cache', 'podnode')).filter((f) => f.endsWith('.json'));
    expect(saved).toEqual([expect.stringMatching(/@team-a\+team-b\.json$/)]);
    // offline, the snapshot says again what was missing when it was taken
    const offline = await runCli(['get', 'pn', '-n', 'team-a', '-o', 'namespace,pod_name', '--offline'], cliEnv);
    expect(offline.code).toBe(0);
    expect(offline.stderr).toMatch(/^podnode: warning: nodes: forbidden .*\(when the snapshot was taken\)$/m);
    // a namespace it may not read is said, and no snapshot claims to hold it
    const refused = await runCli(['get', 'pn', '-n', [...teams, 'default'].join(','), '-o', 'namespace,pod_name', '--json'], { ...cliEnv, XDG_CACHE_HOME: path.join(work, 'ns-cache-2') });
    expect(refused.code).toBe(0);
    expect((JSON.parse(refused.stdout) as unknown[]).length).toBe(expected);
    expect(refused.stderr).toMatch(/^podnode: warning: pods in default: forbidden .*-n\)/m);
    expect(refused.stderr).toMatch(/offline snapshot is not saved/);
    expect(fs.existsSync(path.join(work, 'ns-cache-2', 'podnode'))).toBe(false);

    // Karpenter and the termination handler record spot notices on nodes in `default`, where the
    // overlay grants nothing: such an event is there, and the overlay's cache never sees it (no
    // interruption badge); asking for `default` too names the Role it needs.
    const node = [...cache.pods()].find((p) => p.spec?.nodeName)!.spec!.nodeName as string;
    const uid = (await kube.request('GET', `/api/v1/nodes/${node}`)).body as { metadata: { uid: string } };
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const planted = { metadata: { name: `${node}.spot-notice`, namespace: 'default' }, involvedObject: { kind: 'Node', name: node, uid: uid.metadata.uid }, reason: 'SpotInterrupted',
      message: 'Spot interruption warning was triggered', type: 'Warning', source: { component: 'karpenter' }, reportingComponent: 'karpenter', firstTimestamp: now, lastTimestamp: now, count: 1 };
    expect((await kube.request('POST', '/api/v1/namespaces/default/events', planted)).status).toBe(201);
    try {
      expect(spawnSync('kubectl', ['--kubeconfig', cp.adminKubeconfig, 'auth', 'can-i', 'list', 'events', '-n', 'default', SA], { encoding: 'utf8' }).stdout.trim()).toBe('no');
      const withDefault = cacheOn(kubeconfig, { namespaces: [...teams, 'default'] });
      await withDefault.whenSynced(30_000);
      await waitFor(() => withDefault.getStatus().limits?.some((l) => /^events in default: forbidden — no warnings or interruption notices .*in namespace default \(a Role\)/.test(l)), 10_000, 'the events in default named');
      for (const c of [cache, withDefault]) expect(new RowIndex(c).events.forNode(node)).toEqual([]);
    } finally {
      await kube.request('DELETE', `/api/v1/namespaces/default/events/${planted.metadata.name}`);
    }

    // a cluster-wide LIST with this token is a real 403 with the RBAC authorizer's wording
    const cluster = cacheOn(kubeconfig);
    await cluster.whenSynced(30_000);
    expect(cluster.getStatus().limits?.join(' ')).toMatch(/pods: forbidden .*PODNODE_NAMESPACES/);
    const m = cluster.metrics();
    expect(m.pods.listChains + m.nodes.listChains).toBeLessThanOrEqual(2);
    expect(m.pdbs.listChains + m.events.listChains).toBeLessThanOrEqual(2);
  });

  it('live changes — create, relabel, delete pods and nodes — reach the cache within 2 s', async () => {
    const cache = cacheOn(cp.adminKubeconfig);
    await cache.whenSynced(30_000);
    const pod = structuredClone(sim.cluster.getPod(...(Object.values(sim.cluster.listPodNames()[0]!) as [string, string]))!);
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields'] as const) delete pod.metadata[f];
    delete pod.status;
    pod.metadata.name = 'live-one';
    const t0 = Date.now();
    expect((await kube.request('POST', `/api/v1/namespaces/${pod.metadata.namespace}/pods`, pod)).status).toBe(201);
    await waitFor(() => [...cache.pods()].some((p) => p.metadata.name === 'live-one'), 2_000, 'a created pod');
    await kube.request('PATCH', `/api/v1/namespaces/${pod.metadata.namespace}/pods/live-one`, { metadata: { labels: { relabelled: 'yes' } } }, { 'Content-Type': 'application/merge-patch+json' });
    await waitFor(() => [...cache.pods()].some((p) => p.metadata.name === 'live-one' && p.metadata.labels?.relabelled === 'yes'), 2_000, 'a relabelled pod');
    // no kubelet here to confirm a graceful delete: delete at once, as `kubectl delete --force` does
    await kube.request('DELETE', `/api/v1/namespaces/${pod.metadata.namespace}/pods/live-one?gracePeriodSeconds=0`);
    await waitFor(() => ![...cache.pods()].some((p) => p.metadata.name === 'live-one'), 2_000, 'a deleted pod');
    const node = [...cache.nodes().keys()][0]!;
    await kube.request('PATCH', `/api/v1/nodes/${node}`, { metadata: { labels: { 'karpenter.sh/capacity-type': 'spot' } } }, { 'Content-Type': 'application/merge-patch+json' });
    await waitFor(() => cache.nodes().get(node)?.metadata.labels?.['karpenter.sh/capacity-type'] === 'spot', 2_000, 'a relabelled node');
    console.log(`live changes: four changes seen in ${Date.now() - t0} ms`);
  });

  const built = fs.existsSync(path.join('.next', 'standalone', 'server.js'));
  it.skipIf(!built)('the dashboard server over TLS: each change reaches /api/podnodes and the stream within 2 s', async () => {
    const { spawn } = await import('node:child_process');
    const port = 3297;
    const server = spawn(process.execPath, ['server.js'], {
      cwd: path.join('.next', 'standalone'),
      env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', KUBECONFIG: cp.adminKubeconfig, KUBERNETES_SERVICE_HOST: '', HOME: work },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => (await fetch(`${base}/api/readyz`).then((r) => r.status, () => 0)) === 200, 60_000, 'the dashboard ready');
      const first = (await (await fetch(`${base}/api/podnodes?format=json`)).json()) as { matched: number; context: { server: string } };
      expect(first.context.server).toBe(cp.server);
      const events: string[] = [];
      const ac = new AbortController();
      const res = await fetch(`${base}/api/podnodes/stream?ns=team-a`, { signal: ac.signal });
      void (async () => {
        const decoder = new TextDecoder();
        try {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) events.push(decoder.decode(chunk));
        } catch {
          // aborted
        }
      })();
      await waitFor(() => events.join('').includes('event: snapshot'), 10_000, 'the stream snapshot');
      const pod = structuredClone(sim.cluster.getPod(...(Object.values(sim.cluster.listPodNames().find((p) => p.namespace === 'team-a')!) as [string, string]))!);
      for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields'] as const) delete pod.metadata[f];
      delete pod.status;
      if (pod.spec) delete pod.spec.priority;
      pod.metadata.name = 'live-two';
      const t0 = Date.now();
      expect((await kube.request('POST', '/api/v1/namespaces/team-a/pods', pod)).status).toBe(201);
      await waitFor(async () => ((await (await fetch(`${base}/api/podnodes?ns=team-a&f=pod_name=live-two`)).json()) as { matched: number }).matched === 1, 2_000, 'the API to list the new pod');
      await waitFor(() => events.join('').includes('live-two'), 2_000, 'the stream to patch it in');
      console.log(`dashboard over the real API server: a new pod in the API and the stream after ${Date.now() - t0} ms`);
      ac.abort();
      await kube.request('DELETE', '/api/v1/namespaces/team-a/pods/live-two?gracePeriodSeconds=0');
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('a restarted kube-apiserver on the same etcd: watches resume and the cache equals a fresh LIST', async () => {
    const cache = cacheOn(cp.adminKubeconfig);
    await cache.whenSynced(30_000);
    await cp.restartApiserver();
    const victim = sim.cluster.listPodNames()[5]!;
    await kube.request('DELETE', `/api/v1/namespaces/${victim.namespace}/pods/${victim.name}?gracePeriodSeconds=0`);
    await waitFor(() => ![...cache.pods()].some((p) => p.metadata.name === victim.name && p.metadata.namespace === victim.namespace), 30_000, 'the change after the restart');
    const fresh = JSON.parse(kubectl(['get', 'pods', '-A', '-o', 'json'])) as { items: { metadata: { uid: string; resourceVersion: string } }[] };
    const held = new Map([...cache.pods()].map((p) => [p.metadata.uid, p.metadata.resourceVersion]));
    expect(held.size).toBe(fresh.items.length);
    for (const p of fresh.items) expect(held.get(p.metadata.uid)).toBe(p.metadata.resourceVersion);
  });

  it('etcd compacted while the dashboard was away: a real 410 Gone, one relist, no row lost, no tight loop', async () => {
    const cache = cacheOn(cp.adminKubeconfig);
    await cache.whenSynced(30_000);
    const before = cache.metrics().pods;
    // The dashboard's API server goes away; a second one on the same etcd takes writes meanwhile.
    const second = await cp.startSecondApiserver();
    await cp.stopApiserver();
    const other = adminClient(cp.adminKubeconfig, second.server);
    const target = sim.cluster.listPodNames().find((p) => p.namespace === 'team-a')!;
    for (let i = 0; i < 5; i++) {
      const r = await other.request('PATCH', `/api/v1/namespaces/team-a/pods/${target.name}`, { metadata: { labels: { bump: String(i) } } }, { 'Content-Type': 'application/merge-patch+json' });
      expect(r.status).toBe(200);
    }
    await cp.compactEtcd();
    await cp.startApiserver(); // its watch cache starts past the resourceVersion the dashboard holds
    await second.stop();
    await waitFor(() => cache.metrics().pods.gones > before.gones, 60_000, 'a 410 Gone from the real server');
    await waitFor(() => cache.getStatus().state === 'live' && [...cache.pods()].some((p) => p.metadata.name === target.name && p.metadata.labels?.bump === '4'), 60_000, 'live again, with the changes');
    const m = cache.metrics().pods;
    expect(m.listChains - before.listChains).toBeLessThanOrEqual(2);
    const fresh = JSON.parse(kubectl(['get', 'pods', '-A', '-o', 'json'])) as { items: { metadata: { uid: string; resourceVersion: string } }[] };
    const held = new Map([...cache.pods()].map((p) => [p.metadata.uid, p.metadata.resourceVersion]));
    expect(held.size).toBe(fresh.items.length);
    for (const p of fresh.items) expect(held.get(p.metadata.uid)).toBe(p.metadata.resourceVersion);
    console.log(`compaction: ${m.gones - before.gones} 410(s), ${m.listChains - before.listChains} relist(s)`);
  });

  it('an exec credential plugin with a short-lived, changing token: re-run on expiry, watching on, no row lost', async () => {
    const counter = path.join(work, 'exec-runs');
    fs.writeFileSync(counter, '0');
    const plugin = path.join(work, 'exec-plugin.sh');
    fs.writeFileSync(plugin, `#!/bin/sh
n=$(($(cat ${counter}) + 1)); echo $n > ${counter}
exp=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%SZ)
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%d","expirationTimestamp":"%s"}}' $((n % 40)) "$exp"
`, { mode: 0o755 });
    const admin = parse(fs.readFileSync(cp.adminKubeconfig, 'utf8')) as { clusters: unknown[] };
    const execKubeconfig = path.join(work, 'exec.kubeconfig');
    fs.writeFileSync(execKubeconfig, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', clusters: admin.clusters, 'current-context': 'exec',
      users: [{ name: 'exec', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } } }],
      contexts: [{ name: 'exec', context: { cluster: 'real', user: 'exec' } }],
    }));
    const cache = cacheOn(execKubeconfig, { watchTimeoutSeconds: [2, 3] }); // short watches: each reconnect needs credentials again
    await cache.whenSynced(30_000);
    const runsAtSync = Number(fs.readFileSync(counter, 'utf8'));
    await waitFor(() => Number(fs.readFileSync(counter, 'utf8')) >= runsAtSync + 2, 30_000, 'the plugin to run again after its token expired');
    const target = sim.cluster.listPodNames().find((p) => p.namespace === 'team-b')!;
    await kube.request('PATCH', `/api/v1/namespaces/team-b/pods/${target.name}`, { metadata: { labels: { exec: 'seen' } } }, { 'Content-Type': 'application/merge-patch+json' });
    await waitFor(() => [...cache.pods()].some((p) => p.metadata.name === target.name && p.metadata.labels?.exec === 'seen'), 10_000, 'a change seen with a renewed token');
    const fresh = JSON.parse(kubectl(['get', 'pods', '-A', '-o', 'json'])) as { items: unknown[] };
    expect(cache.podCount).toBe(fresh.items.length);
    expect(cache.getStatus().state).toBe('live');
    console.log(`exec plugin: ${fs.readFileSync(counter, 'utf8').trim()} runs`);
  });

  describe('the simulator against the real thing: the same requests, the same shapes', () => {
    let simAuthed: SimHandle;
    const realGet = (p: string, headers: Record<string, string> = {}): Promise<Answer> => realGetOn(kube, p, headers);
    beforeAll(async () => {
      simAuthed = await startSim({ nodes: 4, pods: 30, seed: 2, auth: { tokens: new Map([[SIM_TOKEN, 'nobody']]), canRead: () => false } });
    });
    afterAll(() => simAuthed?.stop());
    const IGNORE = /managedFields|^items\[\]\.(spec|status|metadata\.(labels|annotations|ownerReferences|generateName|finalizers))|storageVersionHash|^resources\[\]\.(categories|shortNames|storageVersionHash|singularName)$/;

    it('discovery: /version, /api, /api/v1', async () => {
      for (const p of ['/version', '/api', '/api/v1']) {
        const [a, b] = [await simGet(sim, p), await realGet(p)];
        expect(a.status, p).toBe(b.status);
        expect(shapeDiff(a.body, b.body, /^(serverAddressByClientCIDRs|goVersion|compiler|platform|gitCommit|gitTreeState|buildDate|major|minor|emulationMajor|emulationMinor|minCompatibilityMajor|minCompatibilityMinor|resources\[\]\.(categories|shortNames|storageVersionHash|singularName))/), p).toEqual([]);
      }
      // Intended difference: the simulator is read-only and advertises only the read verbs.
      const verbs = async (x: Promise<Answer>) => ((await x).body as { resources: { name: string; verbs: string[] }[] }).resources.find((r) => r.name === 'pods')!.verbs;
      const [simVerbs, realVerbs] = [await verbs(simGet(sim, '/api/v1')), await verbs(realGet('/api/v1'))];
      expect(simVerbs.sort()).toEqual(['get', 'list', 'watch']);
      for (const v of simVerbs) expect(realVerbs).toContain(v);
    });

    it('a paged LIST with continue', async () => {
      const [a, b] = [await simGet(sim, '/api/v1/pods?limit=5'), await realGet('/api/v1/pods?limit=5')];
      expect(shapeDiff(a.body, b.body, new RegExp(`${IGNORE.source}|${LIST_INTENDED.source}`))).toEqual([]);
      const cont = (b.body as { metadata: { continue: string } }).metadata.continue;
      const simCont = (a.body as { metadata: { continue: string } }).metadata.continue;
      // the token is in the head of the text, before the items: the cache asks for the next page from it
      for (const query of ['limit=5', `limit=5&continue=${encodeURIComponent(cont)}`, 'limit=100000']) {
        const raw = await kube.request('GET', `/api/v1/pods?${query}`);
        expect(continueFromHead(raw.text), query).toBe((raw.body as { metadata: { continue?: string } }).metadata.continue ?? '');
      }
      const [a2, b2] = [await simGet(sim, `/api/v1/pods?limit=5&continue=${encodeURIComponent(simCont)}`), await realGet(`/api/v1/pods?limit=5&continue=${encodeURIComponent(cont)}`)];
      expect(shapeDiff(a2.body, b2.body, new RegExp(`${IGNORE.source}|${LIST_INTENDED.source}`))).toEqual([]);
    });

    it('the Table form kubectl asks for, for pods and nodes: the same columns', async () => {
      const accept = TABLE_ACCEPT;
      for (const r of ['pods', 'nodes']) {
        const [a, b] = [await simGet(sim, `/api/v1/${r}?limit=3`, accept), await realGet(`/api/v1/${r}?limit=3`, accept)];
        const cols = (x: Answer) => (x.body as { columnDefinitions: { name: string; type: string; priority: number }[] }).columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`);
        expect(cols(a), r).toEqual(cols(b));
        expect(shapeDiff(a.body, b.body, /^rows\[\]\.object\.|managedFields|^rows\[\]\.conditions/), r).toEqual([]);
      }
      // row conditions pod by pod, over the whole cluster (both hold the same pods)
      const conditions = async (x: Promise<Answer>) =>
        Object.fromEntries(((await x).body as { rows: { cells: unknown[]; conditions?: unknown }[] }).rows.map((row) => [String(row.cells[0]), JSON.stringify(row.conditions ?? null)]));
      const [simConds, realConds] = [await conditions(simGet(sim, '/api/v1/pods?limit=500', accept)), await conditions(realGet('/api/v1/pods?limit=500', accept))];
      for (const [name, c] of Object.entries(realConds)) if (name in simConds) expect(simConds[name], name).toBe(c);
    });

    it('a streaming watch with bookmarks: the same events, then the same initial-events-end bookmark', async () => {
      const q = '/api/v1/nodes?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=2';
      const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { annotations?: Record<string, string> } } });
      const real = lines((await kube.request('GET', q)).text);
      const fake = lines(String((await simGet(sim, q)).body));
      const kinds = (events: typeof real) => [...new Set(events.map((e) => e.type))].sort();
      expect(kinds(fake)).toEqual(kinds(real));
      const end = (events: typeof real) => events.find((e) => e.type === 'BOOKMARK' && e.object.metadata.annotations?.['k8s.io/initial-events-end'] === 'true');
      expect(end(real)).toBeDefined();
      // Intended difference: a real bookmark also carries the Go zero values of spec and status
      // (`nodeInfo` of empty strings…); clients read only metadata, which must match.
      expect(shapeDiff(end(fake), end(real), /^object\.(spec|status)(\.|$)/)).toEqual([]);
      expect(shapeDiff(fake.find((e) => e.type === 'ADDED'), real.find((e) => e.type === 'ADDED'), /^object\.(spec|status|metadata\.(labels|annotations|managedFields))/)).toEqual([]);
    });

    it('a watch that resumes from an expired resourceVersion: the same 410', async () => {
      await cp.compactEtcd(); // resourceVersion 1 is history only once etcd has compacted it away
      const real = await kube.request('GET', '/api/v1/pods?watch=1&resourceVersion=1&timeoutSeconds=1');
      const fake = await simGet(sim, '/api/v1/pods?watch=1&resourceVersion=1&timeoutSeconds=1');
      const first = (x: unknown) => JSON.parse(String(typeof x === 'string' ? x : JSON.stringify(x)).split('\n')[0]!) as { type: string; object: { code: number; reason: string } };
      const [a, b] = [first(fake.body), first(real.text)];
      expect(fake.status).toBe(real.status);
      expect(a.type).toBe(b.type);
      expect(a.object.code).toBe(b.object.code);
      expect(a.object.reason).toBe(b.object.reason);
      expect(shapeDiff(a, b)).toEqual([]);
    });

    it('a forbidden LIST: the same 403 Status', async () => {
      const realRes = await new Promise<Answer>((resolve, reject) => {
        const req = https.get(`${cp.server}/api/v1/nodes`, { ca: fs.readFileSync(cp.caFile), headers: { Authorization: 'Bearer nobody-token' } }, (res) => {
          let t = '';
          res.on('data', (d) => (t += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(t) }));
        });
        req.on('error', reject);
      });
      const fake = await simGet(simAuthed, '/api/v1/nodes');
      expect(fake.status).toBe(403);
      expect(realRes.status).toBe(403);
      expect(shapeDiff(fake.body, realRes.body)).toEqual([]);
      const msg = (x: Answer) => (x.body as { message: string }).message.replace(/"[^"]*"/, 'USER');
      expect(msg(fake)).toBe(msg(realRes).replace('USER', 'USER'));
    });
  });

  it('etcd killed for 20 s: the dashboard shows stale within 30 s, keeps every row, and recovers', async () => {
    // the open watches go silent, not broken: the storage probe is what notices (30 s by default)
    const cache = cacheOn(cp.adminKubeconfig, { probeIntervalMs: 5_000 });
    await cache.whenSynced(30_000);
    const held = cache.podCount;
    const killedAt = Date.now();
    await cp.stopEtcd();
    try {
      await waitFor(() => cache.getStatus().state === 'stale', 30_000, 'stale after losing etcd');
      console.log(`etcd down: stale after ${Date.now() - killedAt} ms (${cache.getStatus().message})`);
      expect(cache.podCount).toBe(held);
      await waitFor(() => Date.now() - killedAt >= 20_000, 25_000, 'twenty seconds without etcd');
      expect(cache.podCount).toBe(held);
    } finally {
      await cp.startEtcd();
    }
    await waitFor(() => cache.getStatus().state === 'live', 90_000, 'live again after etcd is back');
    const fresh = JSON.parse(kubectl(['get', 'pods', '-A', '-o', 'json'])) as { items: { metadata: { uid: string; resourceVersion: string } }[] };
    const now = new Map([...cache.pods()].map((p) => [p.metadata.uid, p.metadata.resourceVersion]));
    expect(now.size).toBe(fresh.items.length);
    for (const p of fresh.items) expect(now.get(p.metadata.uid)).toBe(p.metadata.resourceVersion);
    console.log(`etcd back: live again ${Date.now() - killedAt} ms after the kill`);
  }, 180_000);
});
