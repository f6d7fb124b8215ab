// Runs one chaos scenario against a subject (a cache in this process, or a dashboard in its own)
// and judges it the same way for both: within 10 s of the fault's end the cache holds exactly what
// a fresh LIST returns, pods and nodes by uid and resourceVersion, and is live; the requests the
// simulator counted stay within the scenario's bound.
import { breaches, countedFor, type Counted, type Policy } from './bounds';
import type { ChaosContext, Mode, Scenario, SlowViewer } from './scenarios';
import { RESOURCES, versionDiff, type SimControl, type SimResource, type Versions } from './sim-http';

export type Subject = {
  policy: Policy;
  /** pods and nodes as the cache holds them, uid → resourceVersion */
  held(): Promise<{ pods: Versions; nodes: Versions }>;
  state(): Promise<string>;
  slowViewer?: () => Promise<SlowViewer>;
};

export type ScenarioResult = {
  name: string;
  faultMs: number;
  /** fault over → cache equal to a fresh LIST and live; null when it was not within the limit */
  recoveryMs: number | null;
  counts: Record<SimResource, Counted>;
  problems: string[];
};

export const RECOVERY_LIMIT_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** '' once the subject is live and holds what the simulator lists; else what differs. */
async function difference(subject: Subject, sim: SimControl): Promise<string> {
  const [pods, nodes] = await Promise.all([sim.list('pods'), sim.list('nodes')]);
  const held = await subject.held();
  const state = await subject.state();
  const diff = [versionDiff('pods', held.pods, pods), versionDiff('nodes', held.nodes, nodes)].filter(Boolean);
  if (state !== 'live') diff.push(`status ${state}`);
  return diff.join('; ');
}

/** Polls until equal (ms taken) or timeoutMs passes (null, and the last difference). */
async function converge(subject: Subject, sim: SimControl, timeoutMs: number): Promise<{ ms: number | null; diff: string }> {
  const t0 = Date.now();
  let diff = '';
  for (;;) {
    diff = await difference(subject, sim).catch((err: unknown) => String(err));
    if (!diff) return { ms: Date.now() - t0, diff };
    if (Date.now() - t0 > timeoutMs) return { ms: null, diff };
    await sleep(100);
  }
}

export async function runScenario(s: Scenario, subject: Subject, sim: SimControl, mode: Mode): Promise<ScenarioResult> {
  const ctx: ChaosContext = { sim, mode, policy: subject.policy, state: () => subject.state(), hold: sleep, until, slowViewer: subject.slowViewer };
  const problems: string[] = [];
  // each scenario starts from a converged, live cache, so what follows is this fault's doing
  const before = await converge(subject, sim, 30_000);
  if (before.ms === null) problems.push(`not converged before the fault: ${before.diff}`);
  await sim.resetStats();
  const t0 = Date.now();
  let faultMs = 0;
  try {
    await s.inject(ctx);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    faultMs = Date.now() - t0;
  }
  const after = await converge(subject, sim, RECOVERY_LIMIT_MS);
  if (after.ms === null) problems.push(`not recovered within ${RECOVERY_LIMIT_MS / 1000} s: ${after.diff}`);
  const windowMs = Date.now() - t0;
  const stats = await sim.stats();
  const bound = s.bound(ctx, windowMs);
  const counts = Object.fromEntries(RESOURCES.map((r) => [r, countedFor(stats, r)])) as Record<SimResource, Counted>;
  for (const r of RESOURCES) problems.push(...breaches(stats, r, bound, windowMs, subject.policy));
  problems.push(...((await s.check?.(ctx)) ?? []));
  await sim.faults({ reset: true });
  return { name: s.name, faultMs, recoveryMs: after.ms, counts, problems };
}
