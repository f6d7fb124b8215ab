// Fault injection state shared by the in-process API (handle.faults) and POST /sim/faults.
// One-shot faults (drop watches, restart, outage) are carried out by the server through hooks.
import { z } from 'zod';
import type { SimFaultSpec, SimFaultState, SimFaults } from './types';
import { createRng } from './prng';

const faultSpecSchema = z.object({
  dropWatches: z.boolean().optional(),
  restart: z.object({ keepResourceVersion: z.boolean() }).strict().optional(),
  expireNextWatch: z.boolean().optional(),
  expireEveryWatch: z.boolean().optional(),
  expireNextContinue: z.boolean().optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  latencyOnly: z.array(z.string().regex(/^[a-z]+$/)).max(20).optional(),
  failRate: z.number().min(0).max(1).optional(),
  failStatus: z.union([z.literal(500), z.literal(429)]).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  hangWatches: z.boolean().optional(),
  outageMs: z.number().int().min(1).max(600_000).optional(),
  spotInterruption: z.boolean().optional(),
  churnPerSecond: z.number().min(0).max(10_000).optional(),
  stampPods: z.boolean().optional(),
  reset: z.boolean().optional(),
}).strict();

export type FaultHooks = {
  dropWatches(): void;
  restart(keepResourceVersion: boolean): void;
  outage(ms: number): void;
  spotInterruption(): void;
  churn(perSecond: number): void;
  stampPods(on: boolean): void;
};

const initial = (churnPerSecond: number): SimFaultState => ({
  latencyMs: 0, latencyOnly: [], failRate: 0, failStatus: 500, retryAfterSeconds: 1, hangWatches: false, expireNextWatch: false, expireEveryWatch: false,
  expireNextContinue: false, outageUntil: null, churnPerSecond, stampPods: false,
});

export class FaultController implements SimFaults {
  private state: SimFaultState;
  // seeded so a failing share of requests is the same share on every run
  private readonly rng;

  /** `churnPerSecond`: the rate the simulator was started with, which a reset returns to */
  constructor(private readonly hooks: FaultHooks, seed: number, private readonly startChurn = 0) {
    this.rng = createRng(seed ^ 0x5eed);
    this.state = initial(startChurn);
  }

  apply(spec: SimFaultSpec): void {
    const s = faultSpecSchema.parse(spec);
    if (s.reset) this.reset();
    if (s.latencyMs !== undefined) this.state.latencyMs = s.latencyMs;
    if (s.latencyOnly !== undefined) this.state.latencyOnly = s.latencyOnly;
    if (s.failRate !== undefined) this.state.failRate = s.failRate;
    if (s.failStatus !== undefined) this.state.failStatus = s.failStatus;
    if (s.retryAfterSeconds !== undefined) this.state.retryAfterSeconds = s.retryAfterSeconds;
    if (s.hangWatches !== undefined) {
      if (!s.hangWatches && this.state.hangWatches) this.hooks.dropWatches(); // see endHang
      this.state.hangWatches = s.hangWatches;
    }
    if (s.expireNextWatch !== undefined) this.state.expireNextWatch = s.expireNextWatch;
    if (s.expireEveryWatch !== undefined) this.state.expireEveryWatch = s.expireEveryWatch;
    if (s.expireNextContinue !== undefined) this.state.expireNextContinue = s.expireNextContinue;
    if (s.churnPerSecond !== undefined) { this.state.churnPerSecond = s.churnPerSecond; this.hooks.churn(s.churnPerSecond); }
    if (s.stampPods !== undefined) { this.state.stampPods = s.stampPods; this.hooks.stampPods(s.stampPods); }
    if (s.dropWatches) this.hooks.dropWatches();
    if (s.restart) this.hooks.restart(s.restart.keepResourceVersion);
    if (s.outageMs !== undefined) { this.state.outageUntil = Date.now() + s.outageMs; this.hooks.outage(s.outageMs); }
    if (s.spotInterruption) this.hooks.spotInterruption();
  }

  reset(): void {
    const { churnPerSecond, stampPods, hangWatches } = this.state;
    this.state = initial(this.startChurn);
    if (hangWatches) this.hooks.dropWatches();
    if (churnPerSecond !== this.startChurn) this.hooks.churn(this.startChurn);
    if (stampPods) this.hooks.stampPods(false);
  }

  // endHang: a hung watch threw away every event it did not send, so when the hang ends it is
  // closed rather than resumed: a stream that silently lost data never comes back on a real
  // server (a black-holed connection stays dead), and a resumed one would hide the gap from the
  // client for good. Clients re-watch from their last resourceVersion and get the gap replayed.

  current(): Readonly<SimFaultState> { return this.state; }

  /** true once per pending expireNextWatch, and for every watch while expireEveryWatch holds (a
   *  server whose watch window stays behind what it lists from) */
  takeExpireNextWatch(): boolean {
    if (this.state.expireEveryWatch) return true;
    if (!this.state.expireNextWatch) return false;
    this.state.expireNextWatch = false;
    return true;
  }

  takeExpireNextContinue(): boolean {
    if (!this.state.expireNextContinue) return false;
    this.state.expireNextContinue = false;
    return true;
  }

  shouldFail(): boolean { return this.state.failRate > 0 && this.rng.next() < this.state.failRate; }

  outageEnded(): void { this.state.outageUntil = null; }
}
