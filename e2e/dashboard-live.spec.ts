// Live behaviour against the simulator: a change shows within 2 s, a deleted pod disappears, an
// outage shows `stale` while the rows stay, and recovery returns to `live` with the right rows.
import { test, expect } from '@playwright/test';
import { apiMatched, expectSameAsApi, rowCounts, simPost, snap, waitForLive, watchConsole } from './dashboard-helpers';

test.describe.configure({ mode: 'serial' });

test('a pod labelled by the simulator updates in place within 2 s; a deleted pod disappears', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/?ns=content&o=' + encodeURIComponent('pod.metadata.labels.e2e'));
  await waitForLive(page);
  const row = page.locator('tbody tr[data-uid]').first();
  const uid = (await row.getAttribute('data-uid'))!;
  const name = (await row.locator('td').nth(1).textContent())!;
  const stamp = `v${Date.now()}`;
  const t0 = Date.now();
  await simPost(page, '/sim/mutate', { op: 'label-pod', namespace: 'content', name, labels: { e2e: stamp } });
  await expect(page.locator(`tbody tr[data-uid="${uid}"] td`).last()).toHaveText(stamp, { timeout: 2_000 });
  await expect(page.locator(`tbody tr[data-uid="${uid}"]`)).toHaveClass(/row-flash/);
  testInfo.annotations.push({ type: 'label→screen ms', description: String(Date.now() - t0) });
  await snap(page, testInfo, 'dashboard-live-update');

  const before = (await rowCounts(page)).shown;
  await simPost(page, '/sim/mutate', { op: 'delete-pod', namespace: 'content', name });
  await expect(page.locator(`tbody tr[data-uid="${uid}"]`)).toHaveCount(0, { timeout: 5_000 });
  await expect.poll(async () => (await rowCounts(page)).shown).toBe(before - 1);
  expect(errors).toEqual([]);
});

test('a pod deleted above the viewport does not move the rows being read', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  const first = page.locator('tbody tr[data-uid]').first();
  const victim = { namespace: (await first.locator('td').nth(0).textContent())!, name: (await first.locator('td').nth(1).textContent())! };
  const scroller = page.getByTestId('table-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 28 * 200));
  await expect(page.locator('tbody tr[aria-rowindex="206"]')).toBeVisible(); // the virtualizer has rendered that far
  const topRow = () =>
    scroller.evaluate((el) => {
      const y = el.getBoundingClientRect().top + 28 * 3; // below the sticky header
      return document.elementFromPoint(el.getBoundingClientRect().left + 40, y)?.closest('tr')?.getAttribute('data-uid');
    });
  const before = await topRow();
  const held = (await rowCounts(page)).shown;
  await simPost(page, '/sim/mutate', { op: 'delete-pod', ...victim });
  const gone = `?ns=${victim.namespace}&f=${encodeURIComponent(`pod_name=${victim.name}`)}`;
  await expect.poll(() => apiMatched(page, gone), { timeout: 5_000 }).toBe(0);
  // The page has applied the delete once it holds one row fewer: only then is the position checked.
  await expect.poll(async () => (await rowCounts(page)).shown, { timeout: 5_000 }).toBe(held - 1);
  expect(await topRow()).toBe(before);
  expect(errors).toEqual([]);
});

test('pause freezes the view and counts the waiting changes', async ({ page }) => {
  await page.goto('/?ns=content&o=' + encodeURIComponent('pod.metadata.labels.e2e'));
  await waitForLive(page);
  const row = page.locator('tbody tr[data-uid]').first();
  const uid = (await row.getAttribute('data-uid'))!;
  const name = (await row.locator('td').nth(1).textContent())!;
  const stamp = `p${Date.now()}`;
  await page.getByRole('button', { name: 'Pause' }).click();
  await simPost(page, '/sim/mutate', { op: 'label-pod', namespace: 'content', name, labels: { e2e: stamp } });
  await expect(page.getByRole('button', { name: /Resume \(\d[\d,]* waiting\)/ })).toBeVisible({ timeout: 5_000 });
  await expect(page.locator(`tbody tr[data-uid="${uid}"] td`).last()).not.toHaveText(stamp);
  await page.getByRole('button', { name: /Resume/ }).click();
  await expect(page.locator(`tbody tr[data-uid="${uid}"] td`).last()).toHaveText(stamp);
});

test('an outage shows stale with the rows kept; recovery is live with no duplicate or missing rows', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForLive(page);
  const held = (await rowCounts(page)).shown;

  await simPost(page, '/sim/faults', { outageMs: 8000 });
  const pill = page.getByTestId('status-pill');
  await expect(pill).toHaveAttribute('data-state', 'stale', { timeout: 30_000 });
  await expect(pill).toContainText(/stale since \d\d:\d\d:\d\d/);
  expect((await rowCounts(page)).shown).toBe(held);
  expect(await page.locator('tbody tr[data-uid]').count()).toBeGreaterThan(10);
  await snap(page, testInfo, 'dashboard-stale');

  await expect(pill).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  await waitForLive(page);
  const uids = await page.locator('tbody tr[data-uid]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-uid')));
  expect(new Set(uids).size).toBe(uids.length);
  await expectSameAsApi(page);
  await snap(page, testInfo, 'dashboard-recovered');
  expect(errors).toEqual([]);
});
