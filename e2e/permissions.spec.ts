// Credentials that may not list nodes (a Role-only deployment, as deploy/namespaced: its
// namespaces in PODNODE_NAMESPACES): the page still shows those namespaces' pods, and says which
// permission is missing and where to grant it — no retry storm behind it.
import { test, expect } from '@playwright/test';
import { startOwnStack, type OwnStack } from './own-stack';

let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startOwnStack({
    port: 3293, simPort: 16493, churn: 0, pods: 300,
    simArgs: ['--forbid', 'nodes', '--namespaces', 'streamtech,content,commerce'],
    env: { PODNODE_NAMESPACES: 'streamtech,content' },
  });
});
test.afterAll(() => stack?.stop());

test('a 403 on nodes is a clear partial-view notice naming the permission; pods are shown without node facts', async ({ page }) => {
  await page.goto(`${stack.base}/`);
  const limits = page.getByTestId('limits');
  await expect(limits).toContainText('nodes: forbidden');
  await expect(limits).toContainText('ClusterRole');
  await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'live');
  expect(await page.locator('tbody tr[data-uid]').count()).toBeGreaterThan(10);
  const api = await (await page.request.get(`${stack.base}/api/podnodes?format=json`)).json();
  // the simulator with --forbid checks tokens: this is the one its kubeconfig carries
  const asSim = { headers: { authorization: 'Bearer podnode-sim-token' } };
  const inSim = async (ns: string) => ((await (await fetch(`${stack.simUrl}/api/v1/namespaces/${ns}/pods`, asSim)).json()) as { items: unknown[] }).items.length;
  const held = (await inSim('streamtech')) + (await inSim('content'));
  expect(held).toBeGreaterThan(50);
  expect(api.matched).toBe(held);
  expect(api.status.limits[0]).toContain('nodes: forbidden');
  // one refused LIST of nodes, not a storm: the stats say so after the page has been live a while
  const stats = await (await fetch(`${stack.simUrl}/sim/stats`)).json();
  expect(stats.counts['failed forbidden nodes']).toBe(1);
});

test('/api/snapshot of a namespaced dashboard says which namespaces its pods are', async ({ request }) => {
  const snap = await (await request.get(`${stack.base}/api/snapshot`)).json();
  expect(snap.namespaces).toEqual(['content', 'streamtech']);
  expect(new Set(snap.pods.map((p: { metadata: { namespace: string } }) => p.metadata.namespace))).toEqual(new Set(['content', 'streamtech']));
});
