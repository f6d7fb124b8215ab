// The spot-exposure views in a real browser: the node view's bars against /api/nodes and the
// node's own pods, a shared /workloads URL, an interruption notice arriving live, and event
// messages that try to be markup.
import { expect, test, type Page } from '@playwright/test';
import { simPost, simUrl, snap, waitForLive, watchConsole } from './dashboard-helpers';

type ApiNode = { name: string; pods: number; cpuRequest: number; cpuLimit: number; cpuAllocatable: number; memoryRequest: number; memoryAllocatable: number; noticeKind: string | null };
type ApiRow = { uid: string; podName: string; namespace: string; nodeName: string | null; cpuRequest: number; memoryRequest: number; ownerKind: string | null; ownerName: string | null; warnings: number };

async function viewLive(page: Page): Promise<void> {
  await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
}

async function simGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${await simUrl(page)}${path}`);
  expect(res.ok(), path).toBe(true);
  return (await res.json()) as T;
}

test('node view: a node\'s bars equal /api/nodes and the sum of its pods\' requests; a click opens its pods', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/nodes?group=none&sort=-pods');
  await viewLive(page);
  const first = page.getByTestId('node-row').first();
  const name = (await first.getAttribute('data-id'))!;
  const bar = (id: string) => first.getByTestId(id);
  const shown = {
    cpu: Number(await bar('cpu-bar').getAttribute('data-request')),
    cpuLimit: Number(await bar('cpu-bar').getAttribute('data-limit')),
    cpuAlloc: Number(await bar('cpu-bar').getAttribute('data-allocatable')),
    memory: Number(await bar('memory-bar').getAttribute('data-request')),
    pods: Number(await bar('pods-bar').getAttribute('data-request')),
  };
  const api = ((await (await page.request.get(`/api/nodes?f=name=${name}`)).json()) as { nodes: ApiNode[] }).nodes[0]!;
  expect(shown).toEqual({ cpu: api.cpuRequest, cpuLimit: api.cpuLimit, cpuAlloc: api.cpuAllocatable, memory: api.memoryRequest, pods: api.pods });
  // the scheduler's sum: every pod on the node that still holds resources
  const held = ((await (await page.request.get(`/api/podnodes?f=node_name=${name}&e=pod.status.phase=Succeeded/Failed`)).json()) as { rows: ApiRow[] }).rows;
  expect(held.length).toBe(shown.pods);
  expect(held.reduce((s, r) => s + r.cpuRequest, 0)).toBe(shown.cpu);
  expect(held.reduce((s, r) => s + r.memoryRequest, 0)).toBe(shown.memory);
  expect(shown.pods).toBeGreaterThan(0);
  await snap(page, testInfo, 'node-view');

  // grouped by capacity type, each group has its totals; the sort order is kept
  await page.getByLabel('Group by').selectOption('capacityType');
  await expect(page.getByTestId('group-totals').first()).toContainText(/nodes? ·/);
  expect(new URL(page.url()).searchParams.get('group')).toBe('capacityType');

  await page.getByTestId('node-row').filter({ has: page.locator(`[data-id="${name}"]`) }).or(page.locator(`[data-testid=node-row][data-id="${name}"]`)).first().click();
  await page.waitForURL((u) => u.pathname === '/' && u.searchParams.getAll('f').includes(`node_name=${name}`));
  await waitForLive(page);
  const all = ((await (await page.request.get(`/api/podnodes?f=node_name=${name}`)).json()) as { matched: number }).matched;
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-matched', String(all));
  expect(errors).toEqual([]);
});

test('a shared /workloads URL reloads to the same rows, and a workload opens its pods', async ({ page, browser }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/workloads');
  await viewLive(page);
  await expect(page.getByTestId('workload-row').first()).toBeVisible();
  await page.locator('[data-flag-filter=allOnSpot]').click();
  await page.getByRole('button', { name: /^Replicas/ }).click();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('f')).toContain('allOnSpot=true');
  await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBeTruthy();
  const ids = async (p: Page) => p.getByTestId('workload-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const url = page.url();
  // the server agrees: same rows, same order (polled: the page follows the URL once typing settles)
  const api = (await (await page.request.get(`/api/workloads${new URL(url).search}`)).json()) as { workloads: Array<{ id: string; allOnSpot: boolean; name: string; kind: string; namespace: string; replicas: number }> };
  expect(api.workloads.length).toBeGreaterThan(0);
  expect(api.workloads.every((w) => w.allOnSpot)).toBe(true);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-matched', String(api.workloads.length));
  const mine = await ids(page);
  expect(mine.length).toBeGreaterThan(0);
  expect(api.workloads.slice(0, mine.length).map((w) => w.id)).toEqual(mine);
  await snap(page, testInfo, 'workload-view');

  const other = await browser.newPage();
  await other.goto(url);
  await viewLive(other);
  await expect.poll(() => ids(other)).toEqual(mine);
  await other.close();

  const target = api.workloads[0]!;
  await page.locator(`[data-testid=workload-row][data-id="${target.id}"]`).click();
  await page.waitForURL((u) => u.pathname === '/' && u.searchParams.getAll('f').includes(`owner_name=${target.name}`));
  await waitForLive(page);
  const pods = (await (await page.request.get(`/api/podnodes?ns=${target.namespace}&f=owner_kind=${target.kind}&f=owner_name=${target.name}&e=pod.status.phase=Succeeded/Failed`)).json()) as { rows: ApiRow[] };
  expect(pods.rows.length).toBe(target.replicas);
  expect(pods.rows.every((r) => r.ownerName === target.name && r.ownerKind === target.kind)).toBe(true);
  expect(errors).toEqual([]);
});

test('a spot interruption from the fault switch shows as a badge and a banner within 2 s; the banner opens its pods', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/nodes?group=none&sort=-noticeAt');
  await viewLive(page);
  const banner = page.getByTestId('interruption-banner');
  const before = (await banner.count()) ? Number(await banner.getAttribute('data-nodes')) : 0;
  const noticed = async () => {
    const evs = await simGet<{ items: Array<{ reason: string; involvedObject: { kind: string; name: string } }> }>(page, '/api/v1/events');
    return new Set(evs.items.filter((e) => e.involvedObject.kind === 'Node' && (e.reason === 'SpotInterrupted' || e.reason === 'SpotInterruption')).map((e) => e.involvedObject.name));
  };
  const already = await noticed();

  await simPost(page, '/sim/faults', { spotInterruption: true });
  const t0 = Date.now();
  await expect(banner).toHaveAttribute('data-nodes', String(before + 1), { timeout: 2_000 });
  const node = [...(await noticed())].find((n) => !already.has(n))!;
  expect(node).toBeTruthy();
  const top = page.getByTestId('node-row').first();
  await expect(top).toHaveAttribute('data-id', node, { timeout: Math.max(1, 2_000 - (Date.now() - t0)) });
  await expect(top.getByTestId('notice-badge')).toHaveAttribute('data-kind', 'interruption');
  // Karpenter taints the node (karpenter.sh/disrupted), the termination handler cordons and taints it
  await expect(top).toContainText(/karpenter\.sh\/disrupted|aws-node-termination-handler\/spot-itn/);
  await expect(banner).toContainText(/spot nodes? got an interruption notice in the last 10 minutes — \d+ pods? on/);
  await snap(page, testInfo, 'node-interruption');

  const names = (await (await page.request.get('/api/nodes')).json() as { banner: { names: string[] } }).banner.names;
  expect(names).toContain(node);
  let simPods = 0;
  for (const n of names) simPods += (await simGet<{ items: unknown[] }>(page, `/api/v1/pods?fieldSelector=spec.nodeName=${n}`)).items.length;
  await banner.getByRole('link', { name: 'Show the pods' }).click();
  await page.waitForURL((u) => u.pathname === '/' && u.searchParams.getAll('f').some((f) => f.startsWith('node_name=')));
  await waitForLive(page);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-matched', String(simPods));
  expect(errors).toEqual([]);
});

test('hostile event messages render as text, in the drawer and nowhere as markup', async ({ page }) => {
  const errors = watchConsole(page);
  const rows = ((await (await page.request.get('/api/podnodes?ns=streamtech&f=status=Running&sort=pod_name')).json()) as { rows: ApiRow[] }).rows;
  const pod = rows[0]!;
  const hostile = `<img src=x onerror="window.__pwned=1">{{7*7}}<script>window.__pwned=2</script> ${'\u202e'}gnp.exe`;
  await simPost(page, '/sim/mutate', {
    op: 'emit-event',
    event: { involvedObject: { kind: 'Pod', name: pod.podName, namespace: pod.namespace, uid: pod.uid }, reason: 'BackOff', type: 'Warning', message: hostile, source: { component: 'kubelet' } },
  });
  await page.goto(`/?ns=${pod.namespace}&f=pod_name=${pod.podName}`);
  await waitForLive(page);
  const row = page.locator(`[data-uid="${pod.uid}"]`);
  await expect.poll(async () => Number(await row.getByTestId('warnings').innerText()), { timeout: 5_000 }).toBeGreaterThanOrEqual(pod.warnings + 1);
  await row.click();
  const drawer = page.getByTestId('detail-drawer');
  const event = drawer.getByTestId('pod-event').filter({ hasText: 'onerror' });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText(hostile.trim());
  expect(await drawer.locator('img, script').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('a node view URL the server refuses says why, and fixing the query in the box brings the nodes', async ({ page }) => {
  const errors = watchConsole(page);
  const res = await page.goto('/nodes?sort=metadata.name');
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId('query-error')).toContainText('sort by a field');
  expect((await page.request.get('/api/nodes?sort=metadata.name')).status()).toBe(400);
  await expect(page.getByTestId('node-row')).toHaveCount(0);
  await page.getByLabel('query flags').fill('--sort=-pods -f capacityType=spot');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('query-error')).toHaveCount(0);
  await expect(page.getByTestId('node-row').first()).toBeVisible();
  expect(new URL(page.url()).searchParams.get('sort')).toBe('-pods');
  const api = (await (await page.request.get('/api/nodes?sort=-pods&f=capacityType=spot')).json()) as { matched: number };
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-matched', String(api.matched));
  // a query the schema refuses is refused in the box, with the route's own words, before any request
  await page.getByLabel('query flags').fill('-l app=web');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'use nl for node labels' })).toBeVisible();
  expect(errors.filter((e) => !/400/.test(e))).toEqual([]);
});
