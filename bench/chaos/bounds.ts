// How many requests a list-watch loop may make in a window, derived from the backoff policy
// (lib/kube/backoff.ts): after each failure the wait is at least half its ceiling (equal jitter)
// and at least the server's Retry-After, and the ceiling doubles from baseMs up to capMs. A loop
// that asks more often than this is retrying in a storm.
import type { SimStatsBody, SimResource } from './sim-http';

export type Policy = { baseMs: number; capMs: number; watchdogMs: number; probeIntervalMs: number };

/** per resource over a scenario: LIST chains started, and watch attempts (opened or refused) */
export type Bound = { chains: number; watches: number };

/** The most attempts (the first included) that fit in windowMs with every wait as short as the policy allows. */
export function attemptsWithin(windowMs: number, p: Policy, retryAfterMs = 0): number {
  let attempts = 1;
  let spent = 0;
  for (let k = 0; ; k++) {
    const wait = Math.max(Math.min(p.capMs, p.baseMs * 2 ** k) / 2, retryAfterMs);
    if (spent + wait > windowMs) return attempts;
    spent += wait;
    attempts++;
  }
}

const PATHS: Record<SimResource, string> = {
  pods: '/api/v1/pods', nodes: '/api/v1/nodes', poddisruptionbudgets: '/apis/policy/v1/poddisruptionbudgets', events: '/api/v1/events',
};

export type Counted = { chains: number; watches: number; failed: number };

/** A refused request is counted by its path, whatever it asked: it is an attempt of that loop. */
export function countedFor(stats: SimStatsBody, r: SimResource): Counted {
  const failed = stats.counts[`failed ${PATHS[r]}`] ?? 0;
  return { chains: stats.listChains[r] ?? 0, watches: (stats.counts[`watch ${r}`] ?? 0) + failed, failed };
}

/** The bound's breaches, as sentences; the nodes loop may also have made the cache's storage probe
 *  (a one-item LIST of nodes) once per probe interval while it heard nothing. */
export function breaches(stats: SimStatsBody, r: SimResource, bound: Bound, windowMs: number, p: Policy): string[] {
  const c = countedFor(stats, r);
  const probes = r === 'nodes' && p.probeIntervalMs > 0 ? Math.floor(windowMs / p.probeIntervalMs) + 1 : 0;
  const out: string[] = [];
  if (c.chains > bound.chains + probes) out.push(`${r}: ${c.chains} LIST chains, bound ${bound.chains + probes}`);
  if (c.watches > bound.watches) out.push(`${r}: ${c.watches} watch attempts, bound ${bound.watches}`);
  return out;
}
