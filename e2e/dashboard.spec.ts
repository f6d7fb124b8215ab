// The dashboard against the simulator: first paint, filters as URL, custom columns, the kk box,
// grouping, the drawer, export. Live updates and outages are in dashboard-live.spec.ts.
import { test, expect, type Page } from '@playwright/test';
import { parse as parseCsv } from './csv';
import { expectSameAsApi, rowCounts, snap, waitForLive, watchConsole } from './dashboard-helpers';

test('the first HTML already holds rows, and the table stays virtualised', async ({ page, request }, testInfo) => {
  const errors = watchConsole(page);
  const html = await (await request.get('/')).text();
  expect(html.match(/data-uid="/g)?.length ?? 0).toBeGreaterThan(10);

  await page.goto('/');
  await waitForLive(page);
  // the badge shows exactly when the API says the cluster is the built-in simulated demo
  const { context } = (await (await request.get('/api/podnodes?format=json&ns=kube-system')).json()) as { context: { simulated: boolean } };
  await expect(page.getByTestId('demo-badge')).toHaveCount(context.simulated ? 1 : 0);
  const { shown } = await rowCounts(page);
  expect(shown).toBeGreaterThan(500);
  expect(await page.locator('tbody tr').count()).toBeLessThanOrEqual(200);
  // rows that arrived with the page are not "changed": only live updates flash
  await expect(page.locator('tbody tr.row-flash')).toHaveCount(0);
  await snap(page, testInfo, 'dashboard-loaded');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, testInfo, 'dashboard-loaded-dark');
  expect(errors).toEqual([]);
});

test('spot chip → URL → reload keeps the view → same count as the API', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  await page.locator('[data-capacity=spot]').click();
  await expect(page).toHaveURL(/[?&]f=capacityType%3Dspot/);
  await waitForLive(page);
  await expectSameAsApi(page);

  await page.reload();
  await waitForLive(page);
  await expect(page.locator('[data-capacity=spot]')).toHaveAttribute('aria-pressed', 'true');
  await expectSameAsApi(page);
  await expect(page.locator('tbody tr[data-uid] td:nth-child(10)').first()).toHaveText('spot');
  await snap(page, testInfo, 'dashboard-spot');

  await page.goBack();
  await expect(page).not.toHaveURL(/capacityType/);
  await expect(page.locator('[data-capacity=spot]')).toHaveAttribute('aria-pressed', 'false');
  expect(errors).toEqual([]);
});

test('a custom column from a path, and an invalid path says why', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByLabel('Add column path').fill('node.metadata.labels["topology.kubernetes.io/zone"]');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page).toHaveURL(/[?&]o=/);
  const header = page.getByRole('columnheader', { name: /topology\.kubernetes\.io\/zone/ });
  await expect(header).toBeVisible();
  await waitForLive(page);
  // the cell holds the node's zone label: the same text as the Zone column on scheduled pods
  const zone = await page.locator('tbody tr[data-uid]').first().locator('td').nth(10).textContent();
  const custom = await page.locator('tbody tr[data-uid]').first().locator('td').last().textContent();
  if (zone !== '—') expect(custom).toBe(zone);

  await page.getByLabel('Add column path').fill('node.metadata.labels[zone');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: ']' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a pasted kk command becomes the view, with kk’s columns', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  await page
    .getByLabel('kk command')
    .fill(
      "kk get podnode -f 'metadata.namespace=streamtech/content/commerce' -e 'metadata.owner_references[0].kind=DaemonSet' -o 'pod_name:62,pod.status.phase,node.metadata.labels.lifecycle,namespace,,pod.spec.containers[0].resources.requests:35'",
    );
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]e=/);
  await waitForLive(page);
  await expectSameAsApi(page);
  await expect(page.getByRole('columnheader', { name: 'pod.status.phase' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Node group' })).toHaveCount(0);
  await snap(page, testInfo, 'dashboard-kk');

  await page.getByLabel('kk command').fill("kk get podnode -f 'node.metadata.labels[zone=x'");
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#kk-error')).toContainText(']');
  expect((await rowCounts(page)).shown).toBeGreaterThan(0); // the last good view stays
  expect(errors).toEqual([]);
});

test('a malformed URL shows the parser message and an empty, framed table', async ({ page }) => {
  const res = await page.goto('/?f=' + encodeURIComponent('node.metadata.labels[zone=x'));
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId('query-error')).toContainText(']');
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(page.getByTestId('empty')).toBeVisible();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await waitForLive(page);
  await expect(page.getByTestId('query-error')).toHaveCount(0);
});

test('group by node group: counts, summed requests, collapse', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  await page.getByLabel('Group by').selectOption('nodeGroup');
  await expect(page).toHaveURL(/group=nodeGroup/);
  const firstGroup = page.locator('tbody tr[data-group]').first();
  await expect(firstGroup).toContainText(/\d+ pods? · CPU req/);
  await snap(page, testInfo, 'dashboard-grouped');
  const rowsBefore = await page.locator('tbody tr[data-uid]').count();
  await firstGroup.getByRole('button').click();
  await expect(firstGroup).toHaveAttribute('aria-expanded', 'false');
  expect(await page.locator('tbody tr[data-group]').count()).toBeGreaterThan(1);
  expect(await page.locator('tbody tr[data-uid]').count()).toBeLessThanOrEqual(rowsBefore);
  expect(errors).toEqual([]);
});

test('drawer: details, YAML, keyboard, and all pods on this node', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/?f=' + encodeURIComponent('status=Running'));
  await waitForLive(page);
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('detail-drawer');
  await expect(drawer.getByText('Memory requested')).toBeVisible();
  await expect(page).toHaveURL(/sel=/);
  await drawer.getByText('Pod YAML').click();
  await expect(drawer.locator('pre').first()).toContainText('apiVersion: v1');
  await snap(page, testInfo, 'dashboard-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  await page.locator('tbody tr[data-uid]').first().click();
  await drawer.getByRole('link', { name: /All pods on this node/ }).click();
  await expect(page).toHaveURL(/f=node_name%3D/);
  await waitForLive(page);
  await expectSameAsApi(page);
  expect(errors).toEqual([]);
});

test('export CSV and JSON of the current view', async ({ page }) => {
  await page.goto('/?ns=content');
  await waitForLive(page);
  const { shown } = await rowCounts(page);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  const csv = parseCsv(Buffer.concat(await (await csvDownload.createReadStream()).toArray()).toString('utf8')).filter((r) => r.some(Boolean));
  expect(csv.length - 1).toBe(shown); // a header, then one line per row

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSON' }).click()]);
  const json = JSON.parse(Buffer.concat(await (await jsonDownload.createReadStream()).toArray()).toString('utf8')) as { rows: { namespace: string }[]; matched: number };
  expect(json.matched).toBe(shown);
  expect(json.rows.every((r) => r.namespace === 'content')).toBe(true);
});

test('keyboard: / focuses the quick filter, which filters on the client', async ({ page }) => {
  await page.goto('/');
  await waitForLive(page);
  const { shown } = await rowCounts(page);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('content');
  await expect.poll(async () => (await rowCounts(page)).shown).toBeLessThan(shown);
  await expect(page).toHaveURL(/q=content/);
});

test('the summary strip adds up the rows of the view, by capacity type, and follows the quick filter', async ({ page, request }) => {
  const errors = watchConsole(page);
  await page.goto('/?ns=streamtech,commerce');
  await waitForLive(page);
  const summary = async () => {
    const label = (await page.getByTestId('summary').getByRole('img').getAttribute('aria-label')) ?? '';
    return Object.fromEntries(label.split(', ').map((p) => p.split(' ')).filter(([, n]) => n !== '0').map(([t, n]) => [t, Number(n)])) as Record<string, number>;
  };
  const { rows } = (await (await request.get('/api/podnodes?ns=streamtech,commerce')).json()) as { rows: { capacityType: string }[] };
  const byType: Record<string, number> = {};
  for (const r of rows) byType[r.capacityType] = (byType[r.capacityType] ?? 0) + 1;
  expect(Object.keys(byType).length).toBeGreaterThan(1);
  await expect.poll(summary).toEqual(byType);

  // the quick filter narrows the rows on the page; the strip counts what is left
  await page.getByRole('searchbox').fill('spot');
  await expect.poll(async () => (await rowCounts(page)).shown).toBeLessThan(rows.length);
  await expect.poll(async () => Object.values(await summary()).reduce((a, b) => a + b, 0) - (await rowCounts(page)).shown).toBe(0);
  expect(errors).toEqual([]);
});

test('columns: resize and hide are kept in the URL and restored on reload', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  const handle = page.getByRole('separator', { name: 'Resize Pod' });
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]w=podName%3A\d+/);
  const width = await page.getByRole('columnheader', { name: /^Pod/ }).evaluate((th) => th.getBoundingClientRect().width);

  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Zone' }).uncheck();
  await expect(page).toHaveURL(/[?&]hide=zone/);
  await page.keyboard.press('Escape');

  await page.reload();
  await waitForLive(page);
  await expect(page.getByRole('columnheader', { name: 'Zone' })).toHaveCount(0);
  expect(await page.getByRole('columnheader', { name: /^Pod/ }).evaluate((th) => th.getBoundingClientRect().width)).toBeCloseTo(width, 0);
  expect(errors).toEqual([]);
});

/** The rows the table renders from the top, in order, as uids. */
async function renderedUids(page: Page): Promise<string[]> {
  const rows = await page.locator('tbody tr[data-uid]').evaluateAll((trs) =>
    trs.map((tr) => [Number(tr.getAttribute('aria-rowindex')), tr.getAttribute('data-uid')!] as const),
  );
  return rows.sort((a, b) => a[0] - b[0]).map(([, uid]) => uid);
}

/** The API's answer for the page's current URL: uids and the cell at `path`, in the API's order. */
async function apiOrder(page: Page, path: string): Promise<{ uids: string[]; cells: unknown[] }> {
  const params = new URLSearchParams(new URL(page.url()).search);
  for (const uiOnly of ['q', 'w', 'group', 'hide', 'sel']) params.delete(uiOnly);
  const res = await page.request.get(`/api/podnodes?${params}&format=json`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { rows: { uid: string; cells?: Record<string, unknown> }[] };
  return { uids: body.rows.map((r) => r.uid), cells: body.rows.map((r) => r.cells?.[path]) };
}

test('custom numeric and quantity columns sort as the API sorts them, by value, both ways', async ({ page }) => {
  const errors = watchConsole(page);
  const restarts = 'status.containerStatuses[0].restartCount';
  const memory = 'spec.containers[0].resources.requests.memory';
  await page.goto(`/?o=${encodeURIComponent(`pod_name,${restarts},${memory}`)}`);
  await waitForLive(page);
  for (const [path, header] of [[restarts, /restartCount/], [memory, /requests\.memory/]] as const) {
    const column = page.getByRole('columnheader', { name: header });
    const seen: string[] = [];
    for (let click = 0; click < 2; click++) {
      await column.getByRole('button').click();
      await expect(column).not.toHaveAttribute('aria-sort', seen.at(-1) ?? 'none');
      const direction = (await column.getAttribute('aria-sort')) as 'ascending' | 'descending';
      seen.push(direction);
      await expect(page).toHaveURL(new RegExp(`sort=${direction === 'descending' ? '-' : ''}${encodeURIComponent(path).replace(/[[\]().*]/g, '\\$&')}`));
      const api = await apiOrder(page, path);
      // the data can tell a text sort from a value sort (so this test could fail on one)
      const texts = api.cells.filter((c) => c !== null).map(String);
      expect(texts.slice().sort(), `${path} values differ in text and value order`).not.toEqual(direction === 'ascending' ? texts : texts.slice().reverse());
      await expect.poll(async () => {
        const shown = await renderedUids(page);
        return shown.length > 20 && shown.every((uid, i) => uid === api.uids[i]);
      }, { message: `${path} ${direction}: the page's rows are the API's, in the API's order` }).toBe(true);
    }
    expect(seen.sort()).toEqual(['ascending', 'descending']);
    await column.getByRole('button').click(); // the third click clears the sort
    await expect(column).toHaveAttribute('aria-sort', 'none');
  }
  expect(errors).toEqual([]);
});

test('a sort rewrites the rendered rows in place: no row element is rebuilt, each shows its own pod', async ({ page }) => {
  await page.goto('/');
  await waitForLive(page);
  // the shared stack does not churn: no row flashes, so every row is keyed by its position
  await expect(page.locator('tbody tr.row-flash')).toHaveCount(0);
  const rows = page.locator('tbody tr[data-uid]');
  const before = await rows.evaluateAll((trs) => {
    (window as unknown as { __rowsBefore: Element[] }).__rowsBefore = trs;
    return trs.length;
  });
  expect(before).toBeGreaterThan(10);
  const firstBefore = (await renderedUids(page))[0];
  await page.getByRole('columnheader', { name: /^Pod/ }).getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=/);
  const api = await apiOrder(page, 'podName');
  expect(api.uids[0]).not.toBe(firstBefore); // the sort moves the top row (so this test could fail)
  await expect.poll(async () => (await renderedUids(page))[0]).toBe(api.uids[0]);
  const shown = await renderedUids(page);
  expect(shown).toEqual(api.uids.slice(0, shown.length));
  const kept = await page.evaluate(() => (window as unknown as { __rowsBefore: Element[] }).__rowsBefore.filter((tr) => tr.isConnected).length);
  expect(kept).toBe(before);
  // each reused element shows the pod its data-uid names, not the one it showed before
  const params = new URLSearchParams(new URL(page.url()).search);
  const body = (await (await page.request.get(`/api/podnodes?${params}&format=json`)).json()) as { rows: { uid: string; podName: string }[] };
  const names = new Map(body.rows.map((r) => [r.uid, r.podName]));
  const wrong = await rows.evaluateAll((trs, names) => trs.filter((tr) => !tr.textContent!.includes(names[tr.getAttribute('data-uid')!]!)).length, Object.fromEntries(names));
  expect(wrong).toBe(0);
});
