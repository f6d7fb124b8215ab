// Shared steps for the dashboard specs: console-error capture, waiting for the live snapshot,
// asking the API the same question, and driving the simulator's control endpoint.
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Collects console errors and page errors; assert `errors` is empty at the end of a test. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Rows the page holds after its filters (quick filter included), and what the server matched. */
export async function rowCounts(page: Page): Promise<{ shown: number; matched: number }> {
  const el = page.getByTestId('row-count');
  return { shown: Number(await el.getAttribute('data-shown')), matched: Number(await el.getAttribute('data-matched')) };
}

/** The live snapshot has arrived: status is live and every matching row is held, not just the first page. */
export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect
    .poll(async () => {
      const { shown, matched } = await rowCounts(page);
      const fresh = await page.getByTestId('row-count').getAttribute('data-fresh');
      return fresh === 'true' && shown === matched && !(await page.getByText('while the live stream connects').isVisible());
    }, { timeout: 20_000 })
    .toBe(true);
}

/** `matched` from /api/podnodes for the query the page's URL holds. */
export async function apiMatched(page: Page, search = new URL(page.url()).search): Promise<number> {
  const params = new URLSearchParams(search);
  for (const uiOnly of ['q', 'w', 'group', 'hide', 'sel']) params.delete(uiOnly);
  params.set('format', 'json');
  const res = await page.request.get(`/api/podnodes?${params}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { matched: number }).matched;
}

export async function simUrl(page: Page): Promise<string> {
  if (process.env.PODNODE_SIM_URL) return process.env.PODNODE_SIM_URL;
  const res = await page.request.get('/api/podnodes?format=json&ns=no-such-namespace');
  return ((await res.json()) as { context: { server: string } }).context.server;
}

export async function simPost(page: Page, path: '/sim/mutate' | '/sim/faults', body: unknown): Promise<void> {
  const res = await page.request.post(`${await simUrl(page)}${path}`, { data: body });
  expect(res.ok(), `${path} ${JSON.stringify(body)} → ${res.status()}`).toBe(true);
}

export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The page shows exactly the rows /api/podnodes matches for the URL's query (polled: the demo churns). */
export async function expectSameAsApi(page: Page): Promise<void> {
  await expect.poll(async () => (await rowCounts(page)).shown - (await apiMatched(page)), { timeout: 10_000 }).toBe(0);
}
