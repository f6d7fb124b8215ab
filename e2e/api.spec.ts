// The HTTP API of the production server, against the simulator in its own process, over real HTTP.
// Runs before the dashboard specs (file order), while the cache still has its first LIST + WATCH.
import { test, expect } from '@playwright/test';
import { parse as parseCsv } from './csv';
import { simStats, simMutate, openStream } from './sim-control';
import { runCli } from '../lib/cli/run-cli';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get('/api/readyz')).status(), { timeout: 60_000 }).toBe(200);
});

test('healthz is always 200 and says how the cache is doing', async ({ request }) => {
  const res = await request.get('/api/healthz');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status.state).toBe('live');
  expect(body.context.name).toBe('podnode-sim');
  expect(body.pods).toBeGreaterThan(1000);
});

test('1 viewer, 50 SSE viewers and 200 API calls cost the API server one LIST chain and one WATCH per resource', async ({ request, baseURL }) => {
  const before = await simStats();
  // Since the server started: exactly one paged LIST chain and one WATCH per resource.
  expect(before.listChains.pods).toBe(1);
  expect(before.listChains.nodes).toBe(1);
  expect(before.counts['watch pods']).toBe(1);
  expect(before.counts['watch nodes']).toBe(1);
  expect(before.counts['list pods']).toBeGreaterThanOrEqual(4); // 2,000 pods in pages of 500

  const one = await openStream(`${baseURL}/api/podnodes/stream?f=capacityType=spot`);
  await one.ready;
  const viewers = await Promise.all(Array.from({ length: 50 }, (_, i) => openStream(`${baseURL}/api/podnodes/stream?ns=${['streamtech', 'content', 'commerce'][i % 3]}`)));
  await Promise.all(viewers.map((v) => v.ready));
  for (let i = 0; i < 200; i += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => request.get(`/api/podnodes?f=namespace=${j % 2 ? 'content' : 'commerce'}`)));
    for (const res of batch) expect(res.status()).toBe(200);
  }
  one.close();
  viewers.forEach((v) => v.close());

  const after = await simStats();
  for (const key of ['list pods', 'list nodes', 'watch pods', 'watch nodes']) expect(after.counts[key], key).toBe(before.counts[key]);
  expect(after.listChains).toEqual(before.listChains);
});

test('/api/podnodes answers json with totals and rows, filtered on the server', async ({ request }) => {
  const res = await request.get('/api/podnodes?f=capacityType=spot&sort=-cpuRequest&o=podName,pod.spec.nodeName');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.matched).toBe(body.rows.length);
  expect(body.total).toBeGreaterThan(body.matched);
  expect(body.status.state).toBe('live');
  expect(body.lastSyncAt).not.toBeNull();
  expect(body.context.name).toBe('podnode-sim');
  for (const row of body.rows) expect(row.capacityType).toBe('spot');
  const cpu = body.rows.map((r: { cpuRequest: number }) => r.cpuRequest);
  expect(cpu).toEqual([...cpu].sort((a, b) => b - a));
  expect(body.rows[0]).not.toHaveProperty('pod');
  expect(body.rows[0].cells['pod.spec.nodeName']).toBe(body.rows[0].nodeName);
  const withObjects = await (await request.get('/api/podnodes?f=capacityType=spot&sort=-cpuRequest&objects=1')).json();
  expect(withObjects.rows.map((r: { uid: string }) => r.uid)).toEqual(body.rows.map((r: { uid: string }) => r.uid));
  expect(withObjects.rows[0].pod.metadata.uid).toBe(body.rows[0].uid);
  expect(withObjects.rows[0].node.metadata.name).toBe(body.rows[0].nodeName);
  expect(JSON.stringify(withObjects)).not.toContain('managedFields');
});

test('/api/podnodes speaks csv, ndjson and kk text with the same rows', async ({ request }) => {
  const q = 'ns=commerce&o=pod_name:40,node_lifecycle,pod.metadata.labels.app';
  const json = await (await request.get(`/api/podnodes?${q}`)).json();
  const csv = await request.get(`/api/podnodes?${q}&format=csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const table = parseCsv(await csv.text());
  expect(table[0]).toEqual(['pod_name', 'node_lifecycle', 'pod.metadata.labels.app']);
  expect(table.length - 1).toBe(json.matched);
  const ndjson = (await (await request.get(`/api/podnodes?${q}&format=ndjson`)).text()).trim().split('\n').map((l) => JSON.parse(l));
  expect(ndjson.map((r) => r.pod_name)).toEqual(json.rows.map((r: { podName: string }) => r.podName));
  const text = await (await request.get(`/api/podnodes?${q}&format=text`)).text();
  const lines = text.trimEnd().split('\n');
  expect(lines[0]!.startsWith('pod_name'.padEnd(44) + 'node_lifecycle'.padEnd(20))).toBe(true);
  expect(lines).toHaveLength(json.matched + 1);
});

test('a bad query is a 400 that says what and where, never a 500', async ({ request }) => {
  const cases: [string, RegExp, string][] = [
    ['f=node.metadata.labels[zone=x', /missing '\]'/, 'f'],
    ['f=__proto__.polluted=1', /__proto__/, 'f'],
    ['l=app in (a', /\)/, 'l'],
    ['o=pod_name:0', /width/i, 'o'],
    ['format=xml', /unknown format/, 'format'],
    ['ctx=no-such-context', /no-such-context/, 'ctx'],
    [`f=${'a.'.repeat(40)}b=1`, /depth|deep/i, 'f'],
    [`f=podName=${'x'.repeat(9000)}`, /8 ?KB|too (long|large)|bytes/i, 'f'],
    // a field the cache does not keep: named, with where the kept ones are listed
    ['f=pod.spec.volumes[*].name=x', /does not keep 'spec\.volumes'.*docs\/architecture\.md/, 'f'],
    ['o=status.container_statuses[0].image_id', /does not keep 'status\.container_statuses\[0\]\.image_id'/, 'o'],
    ['sort=-node.status.images', /does not keep 'status\.images'/, 'sort'],
  ];
  for (const [q, message, param] of cases) {
    // the stream has no formats; every other parameter is shared
    for (const path of param === 'format' ? ['/api/podnodes'] : ['/api/podnodes', '/api/podnodes/stream']) {
      const res = await request.get(`${path}?${q}`);
      expect(res.status(), `${path}?${q.slice(0, 60)}`).toBe(400);
      const body = await res.json();
      expect(body.error, q.slice(0, 60)).toMatch(message);
      expect(body.where.param, q.slice(0, 60)).toBe(param);
    }
  }
  // the node view knows the node's kept fields the same way
  const nodes = await request.get('/api/nodes?f=node.status.images=x');
  expect(nodes.status()).toBe(400);
  expect((await nodes.json()).error).toMatch(/does not keep 'status\.images'/);
});

test('/api/nodes sums requests per node; /api/podnode/<uid> gives the drawer its objects', async ({ request }) => {
  const nodes = (await (await request.get('/api/nodes')).json()).nodes;
  expect(nodes.length).toBeGreaterThanOrEqual(80);
  const busy = nodes.find((n: { pods: number }) => n.pods > 0);
  expect(busy.cpuRequest).toBeGreaterThan(0);
  expect(busy.cpuAllocatable).toBeGreaterThan(0);
  expect(['spot', 'on-demand', 'reserved', 'fargate', 'unknown']).toContain(busy.capacityType);

  const rows = (await (await request.get(`/api/podnodes?f=node_name=${busy.name}`)).json()).rows;
  expect(rows.length).toBeGreaterThan(0);
  const detail = await (await request.get(`/api/podnode/${rows[0].uid}`)).json();
  expect(detail.row.pod.metadata.name).toBe(rows[0].podName);
  expect(detail.nodeSummary.name).toBe(busy.name);
  expect(detail.nodeSummary.podCount).toBe(busy.pods);
  expect(detail.nodeSummary.requests.cpu).toBe(busy.cpuRequest);
  // the kept object lacks what the cache drops; the drawer's one GET brings the whole pod, redacted
  expect(detail.row.pod.spec.volumes).toBeUndefined();
  expect(detail.whole.pod.metadata.uid).toBe(rows[0].uid);
  expect(detail.whole.pod.spec.volumes.length).toBeGreaterThan(0);
  const env = detail.whole.pod.spec.containers.flatMap((c: { env?: { value?: string }[] }) => c.env ?? []).filter((e: { value?: string }) => 'value' in e);
  expect(env.length).toBeGreaterThan(0);
  for (const e of env) expect(e.value).toBe('[redacted]');
  expect(detail.whole.pod.metadata.managedFields).toBeUndefined();
  expect((await request.get('/api/podnode/does-not-exist')).status()).toBe(404);
});

test('/api/snapshot is the whole stripped cache, without a single env value', async ({ request }) => {
  const snap = await (await request.get('/api/snapshot')).json();
  const health = await (await request.get('/api/healthz')).json();
  expect(snap.pods.length).toBe(health.pods);
  expect(snap.nodes.length).toBe(health.nodes);
  const text = JSON.stringify(snap);
  expect(text).not.toContain('managedFields');
  expect(text).not.toContain('last-applied-configuration');
  expect(text).not.toContain('"env"'); // not kept at all
  const raw = (await (await fetch(`${process.env.PODNODE_SIM_URL}/api/v1/pods?limit=200`)).json()) as { items: { spec: { containers: { env?: { value?: string }[] }[] } }[] };
  const values = raw.items.flatMap((p) => p.spec.containers.flatMap((c) => c.env ?? [])).map((e) => e.value).filter((v): v is string => !!v && v.length >= 6);
  expect(values.length).toBeGreaterThan(0);
  for (const v of new Set(values)) expect(text).not.toContain(v);
});

test('the stream sends a snapshot, then patches when the cluster changes', async ({ baseURL, request }) => {
  const rows = (await (await request.get('/api/podnodes?ns=streamtech')).json()).rows;
  const target = rows[0];
  const stream = await openStream(`${baseURL}/api/podnodes/stream?ns=streamtech&o=pod_name,pod.metadata.labels.e2e`);
  await stream.ready;
  const snapshot = JSON.parse(stream.events[0]!.data);
  expect(snapshot.matched).toBe(rows.length);
  expect(snapshot.rows[0].cells['pod.metadata.labels.e2e']).toBeNull(); // missing travels as null, shown as NA
  await simMutate({ op: 'label-pod', namespace: 'streamtech', name: target.podName, labels: { e2e: 'patched' } });
  await expect.poll(() => stream.events.find((e) => e.event === 'patch' && e.data.includes('patched')) !== undefined, { timeout: 5_000 }).toBe(true);
  const patch = JSON.parse(stream.events.find((e) => e.event === 'patch')!.data);
  expect(patch.upserts[0].uid).toBe(target.uid);
  expect(patch.upserts[0].cells['pod.metadata.labels.e2e']).toBe('patched');
  stream.close();
});

test('kubectl-podnode --server asks the dashboard and prints what the API prints', async ({ baseURL, request }) => {
  const r = await runCli(['get', 'pn', '--server', baseURL!, '-n', 'content', '-o', 'pod_name:50,node_lifecycle'], {});
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const api = await (await request.get('/api/podnodes?ns=content&o=pod_name:50,node_lifecycle&format=text')).text();
  expect(r.stdout).toBe(api);
  const bad = await runCli(['get', 'pn', '--server', baseURL!, '-f', 'a[=1'], {});
  expect(bad.code).toBe(2);
  const down = await runCli(['get', 'pn', '--server', 'http://127.0.0.1:9'], {});
  expect(down.code).toBe(1);
  expect(down.stderr).toContain('http://127.0.0.1:9');
});
