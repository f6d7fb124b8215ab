// The chaos suite's short form (bench/chaos/scenarios.ts, seconds per fault): a real ClusterCache
// with the production backoff against the simulator over HTTP. After each fault the cache must
// equal a fresh LIST (pods and nodes, by uid and resourceVersion) and be live within 10 s, the
// simulator must have counted no more requests than the backoff allows, and no promise may have
// been left rejected unhandled. The slow viewer needs the dashboard's stream: e2e/streams.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptsWithin, breaches } from '@/bench/chaos/bounds';
import { runScenario, RECOVERY_LIMIT_MS, type Subject } from '@/bench/chaos/run';
import { SCENARIOS } from '@/bench/chaos/scenarios';
import { SimControl, type Versions } from '@/bench/chaos/sim-http';
import type { SimHandle } from '@/lib/sim';
import type { KubeObject } from '@/lib/podnode/types';
import { BACKOFF_DEFAULTS } from './backoff';
import type { ClusterCache } from './cluster-cache';
import { cacheFor, startTestSim } from './test-support';

const WATCHDOG_MS = 3_000; // above the 2 s latency scenario's connect time, short enough to test
const PROBE_MS = 30_000;
let sim: SimHandle;
let cache: ClusterCache;
let subject: Subject;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

const versions = (objs: Iterable<KubeObject>): Versions => new Map([...objs].map((o) => [o.metadata.uid, o.metadata.resourceVersion ?? '']));

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  // pages of 100 over 400 pods: a relist has a continue token to expire
  sim = await startTestSim({ pods: 400 });
  cache = cacheFor(sim, { backoff: {}, pageLimit: 100, watchdogMs: WATCHDOG_MS, probeIntervalMs: PROBE_MS });
  await cache.whenSynced(20_000);
  subject = {
    policy: { ...BACKOFF_DEFAULTS, watchdogMs: WATCHDOG_MS, probeIntervalMs: PROBE_MS },
    held: async () => ({ pods: versions(cache.pods()), nodes: versions(cache.nodes().values()) }),
    state: async () => cache.getStatus().state,
  };
});
afterAll(async () => {
  await cache?.stop();
  await sim?.stop();
  process.off('unhandledRejection', onRejection);
});

describe('chaos, short form', () => {
  const control = () => new SimControl(sim.url);
  for (const scenario of SCENARIOS.filter((s) => !s.needsSlowViewer)) {
    it(scenario.name, async () => {
      const r = await runScenario(scenario, subject, control(), 'short');
      console.log(`chaos ${r.name}: fault ${r.faultMs} ms, recovered in ${r.recoveryMs} ms, requests ${JSON.stringify(r.counts)}`);
      expect(r.problems).toEqual([]);
      expect(r.recoveryMs).not.toBeNull();
      expect(r.recoveryMs!).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
      expect(rejections).toEqual([]);
    });
  }
});

describe('the storm bound', () => {
  const policy = { ...BACKOFF_DEFAULTS, watchdogMs: 90_000, probeIntervalMs: 30_000 };
  it('follows the backoff: waits of at least 125, 250, 500 ms fit three retries in a second; Retry-After slows it', () => {
    expect(attemptsWithin(1_000, policy)).toBe(4);
    expect(attemptsWithin(4_000, policy, 1_000)).toBe(5);
    // past the cap every wait is at least 15 s
    expect(attemptsWithin(120_000, { ...policy, capMs: 30_000 })).toBeLessThan(15);
  });

  it('names a loop that retried faster than that', () => {
    const storm = { total: 0, counts: { 'watch pods': 40, 'failed /api/v1/pods': 60 }, listChains: { pods: 3, nodes: 2 } };
    expect(breaches(storm, 'pods', { chains: 1, watches: 21 }, 4_000, policy)).toEqual(['pods: 3 LIST chains, bound 1', 'pods: 100 watch attempts, bound 21']);
    // the storage probe: one LIST of nodes per interval is allowed on top
    expect(breaches(storm, 'nodes', { chains: 1, watches: 2 }, 4_000, policy)).toEqual([]);
  });
});
