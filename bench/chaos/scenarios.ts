// The chaos scenarios, one table for both forms: `short` runs inside `npm test` (seconds per
// fault), `long` under `npm run bench -- --chaos` (a minute of 500s and of churn). Each injects its
// fault through the simulator's control endpoint and returns when the fault is over; the runner
// (run.ts) then times recovery and holds the requests the cache made to the bound stated here.
import { attemptsWithin, type Bound, type Policy } from './bounds';
import type { SimControl } from './sim-http';

export type Mode = 'short' | 'long';
export type SlowViewer = { dropped(): Promise<boolean>; close(): void };

export type ChaosContext = {
  sim: SimControl;
  mode: Mode;
  policy: Policy;
  /** the cache's status: syncing | live | stale */
  state(): Promise<string>;
  /** keeps a fault on for its length (what the scenario is, never a wait for an outcome) */
  hold(ms: number): Promise<void>;
  /** waits for cond, failing the scenario with `what` after timeoutMs */
  until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void>;
  slowViewer?: () => Promise<SlowViewer>;
};

export type Scenario = {
  name: string;
  inject(ctx: ChaosContext): Promise<void>;
  /** per resource, over the window from injection to recovery; +1 watch everywhere for a watch
   *  that reaches its timeoutSeconds inside the window */
  bound(ctx: ChaosContext, windowMs: number): Bound;
  /** what else must hold afterwards, as problems */
  check?(ctx: ChaosContext): Promise<string[]>;
  needsSlowViewer?: boolean;
};

const len = (ctx: ChaosContext, short: number, long: number) => (ctx.mode === 'short' ? short : long);
/** changes made while the fault is on: the cache must show them once it recovers */
const behind = (ctx: ChaosContext) => ctx.sim.mutate({ op: 'churn', count: 25 });
const DROP_EVERY_MS = 1000;

export const SCENARIOS: Scenario[] = [
  {
    name: 'restart, resourceVersion continuity',
    async inject(ctx) { await ctx.sim.faults({ restart: { keepResourceVersion: true } }); await behind(ctx); },
    // every watch resumes where it was: no LIST at all
    bound: () => ({ chains: 0, watches: 2 }),
  },
  {
    name: 'restart, no continuity',
    async inject(ctx) { await ctx.sim.faults({ restart: { keepResourceVersion: false } }); await behind(ctx); },
    // each resume is a 410: one relist per resource, then one watch
    bound: () => ({ chains: 1, watches: 3 }),
  },
  {
    name: 'every watch dropped',
    async inject(ctx) { await ctx.sim.faults({ dropWatches: true }); await behind(ctx); },
    bound: () => ({ chains: 0, watches: 2 }),
  },
  {
    name: '410 on a watch',
    async inject(ctx) { await ctx.sim.faults({ expireNextWatch: true, dropWatches: true }); await behind(ctx); },
    bound: () => ({ chains: 1, watches: 3 }),
  },
  {
    name: 'continue token expired mid-relist',
    async inject(ctx) {
      await ctx.sim.faults({ restart: { keepResourceVersion: false }, expireNextContinue: true });
      await behind(ctx);
    },
    // the resource whose second page expired lists again from the start, after a backoff
    bound: () => ({ chains: 2, watches: 3 }),
    async check(ctx) {
      const f = await ctx.sim.currentFaults();
      return f.expireNextContinue === false ? [] : ['no relist asked for a second page: the expired continue token was never served'];
    },
  },
  {
    name: '30% of requests fail with 500',
    async inject(ctx) {
      await ctx.sim.faults({ failRate: 0.3, failStatus: 500 });
      // an open watch makes no requests: drop them so the loops keep asking through the fault
      const end = Date.now() + len(ctx, 4_000, 60_000);
      while (Date.now() < end) { await ctx.sim.faults({ dropWatches: true }); await behind(ctx); await ctx.hold(DROP_EVERY_MS); }
      await ctx.sim.faults({ failRate: 0 });
    },
    // a 500 on a resumed watch retries the watch, never a LIST; between two drops a loop asks at
    // most as often as the backoff allows from its first step
    bound: (ctx, w) => ({ chains: 0, watches: (Math.ceil(w / DROP_EVERY_MS) + 1) * attemptsWithin(DROP_EVERY_MS, ctx.policy) + 1 }),
  },
  {
    name: '429 with Retry-After',
    async inject(ctx) {
      await ctx.sim.faults({ failRate: 1, failStatus: 429, retryAfterSeconds: 1, dropWatches: true });
      await behind(ctx);
      await ctx.hold(4_000);
      await ctx.sim.faults({ failRate: 0 });
    },
    bound: (ctx, w) => ({ chains: 0, watches: attemptsWithin(w, ctx.policy, 1000) + 1 }),
  },
  {
    name: '2 s latency on every request',
    async inject(ctx) {
      await ctx.sim.faults({ latencyMs: 2_000, dropWatches: true });
      await behind(ctx);
      await ctx.hold(len(ctx, 5_000, 20_000));
      await ctx.sim.faults({ latencyMs: 0 });
    },
    bound: () => ({ chains: 0, watches: 2 }),
  },
  {
    name: 'a watch open and silent',
    async inject(ctx) {
      await ctx.sim.faults({ hangWatches: true });
      await behind(ctx);
      // the watchdog, and only it, can tell: the status says stale once it has fired
      await ctx.until(async () => (await ctx.state()) === 'stale', ctx.policy.watchdogMs * 2 + 5_000, 'the watchdog to report the silent watch');
      await ctx.sim.faults({ hangWatches: false });
    },
    // one watch per watchdog period, and the re-watch when the hang ends
    bound: (ctx, w) => ({ chains: 0, watches: Math.ceil(w / ctx.policy.watchdogMs) + 2 }),
  },
  {
    name: '1,000 events/s churn',
    async inject(ctx) {
      await ctx.sim.faults({ churnPerSecond: 1_000 });
      await ctx.hold(len(ctx, 3_000, 60_000));
      await ctx.sim.faults({ churnPerSecond: 0 });
    },
    // the watch keeps up: no relist; one re-watch if the simulator cut off a watch that fell behind
    bound: () => ({ chains: 0, watches: 3 }),
  },
  {
    name: 'a slow viewer (SSE, never read)',
    needsSlowViewer: true,
    async inject(ctx) {
      await ctx.sim.faults({ churnPerSecond: 300 });
      const viewer = await ctx.slowViewer!();
      try {
        await ctx.until(() => viewer.dropped(), len(ctx, 30_000, 90_000), 'the server to drop the viewer that does not read');
      } finally {
        viewer.close();
        await ctx.sim.faults({ churnPerSecond: 0 });
      }
    },
    // a viewer costs the API server nothing: the one watch per resource carries on
    bound: () => ({ chains: 0, watches: 2 }),
  },
];
