// Exponential backoff with jitter, so that a fleet of dashboards that lost the API server at
// the same moment does not come back in lock-step and knock it over again.

export type BackoffOptions = {
  /** first delay; default 250 ms */
  baseMs?: number;
  /** ceiling; default 30 s */
  capMs?: number;
  /** 0..1 random fraction for tests; default Math.random */
  random?: () => number;
};

/** The production policy; the chaos suite derives its bounds on retries from it. */
export const BACKOFF_DEFAULTS = { baseMs: 250, capMs: 30_000 } as const;

export class Backoff {
  private attempt = 0;
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? BACKOFF_DEFAULTS.baseMs;
    this.capMs = opts.capMs ?? BACKOFF_DEFAULTS.capMs;
    this.random = opts.random ?? Math.random;
  }

  /**
   * The next delay: "equal jitter" (half fixed, half random) so it never collapses to ~0 and
   * still spreads clients out. A server's Retry-After is a floor, never shortened by jitter.
   */
  next(retryAfterSeconds?: number): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    const delay = ceiling / 2 + this.random() * (ceiling / 2);
    const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
    return Math.round(Math.max(delay, floor));
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Brings the next delay down to at most base × 2^attempts (a server that answered again). */
  atMost(attempts: number): void {
    this.attempt = Math.min(this.attempt, attempts);
  }

  get failures(): number {
    return this.attempt;
  }
}

/** setTimeout as a promise that rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
