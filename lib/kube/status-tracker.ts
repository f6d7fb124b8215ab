// syncing → live → stale(since) → live: the cache's freshness, derived from what each
// resource loop last reported. Stale means "the rows shown may be behind since staleSince";
// the rows themselves are kept.
import type { ClusterStatus } from './types';

// evidenceAt: last moment this resource was known in sync (list done, watch open, event)
type ResourceState = { listed: boolean; relisting: boolean; error: string | null; forbidden: string | null; evidenceAt: number };

export class StatusTracker {
  private readonly resources = new Map<string, ResourceState>();
  private synced = false;
  private staleSince: number | null = null;
  private lastKey = '';
  private probeError: string | null = null;
  private waiters = new Set<() => void>();
  private allWaiters = new Set<() => void>();

  constructor(
    names: readonly string[],
    private readonly onChange: (status: ClusterStatus) => void,
    /** resources the first sync does not wait for */
    private readonly optional: ReadonlySet<string> = new Set(),
  ) {
    for (const n of names) this.resources.set(n, { listed: false, relisting: false, error: null, forbidden: null, evidenceAt: 0 });
  }

  listed(name: string): void {
    const r = this.get(name);
    r.listed = true;
    r.relisting = false;
    r.forbidden = null;
    this.markSynced();
    this.changed();
  }

  /** The API server answered a cheap read that needs its storage (or failed to): watches can stay
   *  open and silent while etcd is gone, so this is how the cache learns it is behind. */
  probed(error: string | null): void {
    if (error === this.probeError) return;
    this.probeError = error;
    this.changed();
  }

  /** A relist started: until it completes the rows may be behind, so the view says syncing. */
  relisting(name: string): void {
    this.get(name).relisting = true;
    this.changed();
  }

  /** The credentials may not list this resource: it counts as listed (empty), so the rest of the
   *  view goes live, and the reason stays in the status as a limit until a LIST succeeds. */
  forbidden(name: string, why: string): void {
    const r = this.get(name);
    r.listed = true;
    r.error = null;
    r.forbidden = why;
    r.evidenceAt = Date.now();
    this.markSynced();
    this.changed();
  }

  private markSynced(): void {
    if (!this.synced && [...this.resources].every(([name, r]) => r.listed || this.optional.has(name))) {
      this.synced = true;
      for (const w of this.waiters) w();
      this.waiters.clear();
    }
    if (this.allWaiters.size > 0 && this.allListed()) {
      for (const w of this.allWaiters) w();
      this.allWaiters.clear();
    }
  }

  /** every resource listed (or refused), the optional ones too */
  private allListed(): boolean {
    return [...this.resources.values()].every((r) => r.listed);
  }

  /** True once every resource, the optional ones too, has been listed or refused; false after
   *  timeoutMs. For a one-shot reader that must not answer before the events are in. */
  whenAllListed(timeoutMs: number): Promise<boolean> {
    return this.until(this.allListed(), this.allWaiters, timeoutMs);
  }

  /** Called on every event too, so it must stay cheap when nothing changes. */
  healthy(name: string): void {
    const r = this.get(name);
    r.evidenceAt = Date.now();
    if (r.error === null) return;
    r.error = null;
    this.changed();
  }

  failed(name: string, message: string): void {
    const r = this.get(name);
    r.error = message;
    this.changed();
  }

  current(): ClusterStatus {
    const rs = [...this.resources.entries()];
    const limits = rs.flatMap(([, r]) => (r.forbidden ? [r.forbidden] : []));
    const withLimits = (s: ClusterStatus): ClusterStatus => (limits.length ? { ...s, limits } : s);
    const errors = rs.filter(([, r]) => r.error !== null).map(([n, r]) => `${n}: ${r.error}`);
    if (this.probeError !== null && this.synced) errors.push(`the API server cannot read its storage: ${this.probeError}`);
    if (errors.length > 0) {
      return withLimits({
        state: 'stale',
        // the whole cache is only as fresh as its least fresh resource
        lastSyncAt: this.synced ? iso(oldestEvidence(rs)) : null,
        staleSince: iso(this.staleSince ?? Date.now()),
        message: errors.join('; '),
      });
    }
    if (!this.synced) {
      const waiting = rs.filter(([n, r]) => !r.listed && !this.optional.has(n)).map(([n]) => n);
      return { state: 'syncing', lastSyncAt: null, message: `listing ${waiting.join(' and ')}` };
    }
    const relisting = rs.filter(([, r]) => r.relisting).map(([n]) => n);
    if (relisting.length > 0) {
      return withLimits({ state: 'syncing', lastSyncAt: iso(oldestEvidence(rs)), message: `relisting ${relisting.join(' and ')} (the watch expired)` });
    }
    // A healthy watch is open on every resource it may read: in sync as of now.
    return withLimits({ state: 'live', lastSyncAt: iso(Date.now()) });
  }

  whenSynced(timeoutMs: number): Promise<void> {
    return this.until(this.synced, this.waiters, timeoutMs).then((ok) => {
      if (ok) return;
      const s = this.current();
      throw new Error(`cluster not synced after ${timeoutMs} ms (${s.state}${s.message ? `: ${s.message}` : ''})`);
    });
  }

  /** True at once when `ready`, else once markSynced calls the waiter added to `waiters`; false
   *  after timeoutMs. */
  private until(ready: boolean, waiters: Set<() => void>, timeoutMs: number): Promise<boolean> {
    if (ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiters.delete(done);
        resolve(false);
      }, timeoutMs);
      timer.unref?.(); // a wait alone must not keep a finished CLI process alive
      waiters.add(done);
    });
  }

  private changed(): void {
    const hasError = [...this.resources.values()].some((r) => r.error !== null) || (this.probeError !== null && this.synced);
    if (hasError && this.staleSince === null) this.staleSince = Date.now();
    if (!hasError) this.staleSince = null;
    const s = this.current();
    const key = `${s.state}|${s.message ?? ''}|${(s.limits ?? []).join('|')}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.onChange(s);
  }

  private get(name: string): ResourceState {
    const r = this.resources.get(name);
    if (!r) throw new Error(`unknown resource ${name}`);
    return r;
  }
}

/** the least fresh resource's evidence (a resource the first sync did not wait for may have none yet) */
function oldestEvidence(rs: Array<[string, ResourceState]>): number {
  const known = rs.map(([, r]) => r.evidenceAt).filter((t) => t > 0);
  return known.length ? Math.min(...known) : Date.now();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
