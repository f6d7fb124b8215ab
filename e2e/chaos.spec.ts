// The chaos suite's short form where it needs the production dashboard in its own process and a
// real browser (the rest runs in Vitest: lib/kube/chaos.test.ts). Through a connection loss the page
// says stale within 30 s, with the time its data stopped being current, holds every row it had, and
// goes live again; a viewer that never reads, and a restart without resourceVersion continuity, are
// judged as in the long form (bench/chaos.ts): the cache equals a fresh LIST within 10 s, requests
// stay within the backoff's bound, and the dashboard logs no unhandled rejection.
import { test, expect, type Page } from '@playwright/test';
import { dashboardSubject, unhandledRejections } from '../bench/chaos/dashboard-subject';
import { runScenario, RECOVERY_LIMIT_MS } from '../bench/chaos/run';
import { SCENARIOS } from '../bench/chaos/scenarios';
import { SimControl } from '../bench/chaos/sim-http';
import { BACKOFF_DEFAULTS } from '../lib/kube/backoff';
import { rowCounts, waitForLive, watchConsole } from './dashboard-helpers';
import { startOwnStack, type OwnStack } from './own-stack';

test.describe.configure({ mode: 'serial' });
let stack: OwnStack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // a small backlog bound, so a viewer that does not read is dropped within seconds
  stack = await startOwnStack({ port: 3296, simPort: 16496, churn: 0, pods: 1500, env: { PODNODE_STREAM_BACKLOG_BYTES: String(256 * 1024) } });
});
test.afterAll(() => stack?.stop());

type Seen = { min: number; lost: number };
const clock = (page: Page, offsetMs = 0) => page.evaluate((o) => new Date(Date.now() + o).toLocaleTimeString('en-GB', { hour12: false }), offsetMs);

test('a connection loss: stale within 30 s since when the data stopped, every row kept, then live', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.goto(`${stack.base}/`);
  await waitForLive(page);
  const held = (await rowCounts(page)).shown;
  const known = (await page.locator('tbody tr[data-uid]').first().getAttribute('data-uid'))!;
  // sampled in the page through the outage: the fewest rows it held, and how often the known pod was missing
  await page.evaluate((uid) => {
    const seen: Seen = { min: Infinity, lost: 0 };
    (window as unknown as { __chaos: Seen }).__chaos = seen;
    setInterval(() => {
      seen.min = Math.min(seen.min, Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-shown')));
      if (!document.querySelector(`tbody tr[data-uid="${uid}"]`)) seen.lost++;
    }, 50);
  }, known);
  const lastGood = await clock(page, -2_000);
  await new SimControl(stack.simUrl).faults({ outageMs: 15_000 });
  const pill = page.getByTestId('status-pill');
  await expect(pill).toHaveAttribute('data-state', 'stale', { timeout: 30_000 });
  const since = /stale since (\d\d:\d\d:\d\d)/.exec(await pill.innerText())?.[1] ?? '';
  expect(since >= lastGood && since <= (await clock(page)), `stale since ${since}, data good until ${lastGood}`).toBe(true);
  await expect(pill).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { __chaos: Seen }).__chaos)).toEqual({ min: held, lost: 0 });
  expect(errors).toEqual([]);
});

const policy = { ...BACKOFF_DEFAULTS, watchdogMs: 90_000, probeIntervalMs: 30_000 };
for (const name of ['restart, no continuity', 'a slow viewer (SSE, never read)']) {
  test(`chaos, out of process: ${name}`, async () => {
    test.setTimeout(90_000);
    const scenario = SCENARIOS.find((s) => s.name === name)!;
    const r = await runScenario(scenario, dashboardSubject(stack.base, policy, stack.logs), new SimControl(stack.simUrl), 'short');
    test.info().annotations.push({ type: 'chaos', description: `recovered in ${r.recoveryMs} ms; ${JSON.stringify(r.counts)}` });
    expect(r.problems).toEqual([]);
    expect(r.recoveryMs).not.toBeNull();
    expect(r.recoveryMs!).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(unhandledRejections(stack.logs())).toEqual([]);
  });
}
