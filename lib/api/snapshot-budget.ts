// A stream opens with a snapshot of its view, built whole: at 150,000 pods a 20,000-row view is
// ~10 MB of JSON, held until its viewer has read it. Viewers of one view share it (sse.ts); viewers
// of a hundred *different* views would each need their own at once, more than a small pod has.
// So the snapshots waiting to be read share a budget of bytes: a stream that would build one while
// the budget is spent waits its turn (its heartbeats still flow, so it is not dropped), and the
// next is built as earlier ones drain. One snapshot may always be in flight whatever its size, so
// a view larger than the budget is served, alone. A snapshot counts for `holdMaxMs` at most: the
// budget paces snapshots, and a client that stalls while still connected must not hold every other
// view up.
import 'server-only';
import { positiveInt } from '@/lib/config/env';

/** A place in the queue: `ready` settles when this stream may build its snapshot. */
export type Turn = { ready: Promise<void>; leave: () => void };

type Waiter = { wake: () => void; gone: boolean };

export class ByteBudget {
  private held = 0;
  private readonly waiters: Waiter[] = [];
  /** woken and not yet built: nobody else is woken meanwhile (it may take the rest of the room) */
  private admitting: Waiter | null = null;

  constructor(
    readonly limit: number,
    private readonly holdMaxMs = 30_000,
  ) {}

  /** bytes built and not yet read, and streams waiting (diagnostics, tests) */
  get state(): { held: number; waiting: number } {
    return { held: this.held, waiting: this.waiters.length };
  }

  /** null: build now. Else a turn to wait for; `leave` it if the stream ends first. */
  admit(): Turn | null {
    if (this.admitting === null && this.waiters.length === 0 && this.held < this.limit) return null;
    const waiter: Waiter = { wake: () => {}, gone: false };
    const ready = new Promise<void>((resolve) => (waiter.wake = resolve));
    this.waiters.push(waiter);
    this.wakeNext();
    return {
      ready,
      leave: () => {
        if (waiter.gone) return;
        waiter.gone = true;
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        if (this.admitting === waiter) this.admitting = null;
        this.wakeNext();
      },
    };
  }

  /** Counts `bytes` just built (0: the stream was given bytes built before) until the returned
   *  function is called — when its reader has taken them, or has gone — or for holdMaxMs. */
  hold(bytes: number, turn?: Turn | null): () => void {
    this.held += bytes;
    turn?.leave(); // its turn is over: the next may be woken once there is room
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(cap);
      this.held -= bytes;
      this.wakeNext();
    };
    const cap = setTimeout(release, this.holdMaxMs);
    cap.unref?.();
    return release;
  }

  private wakeNext(): void {
    if (this.admitting !== null || this.held >= this.limit) return;
    const next = this.waiters.shift();
    if (!next) return;
    this.admitting = next;
    next.wake();
  }
}

const g = globalThis as typeof globalThis & { __podnodeSnapshotBudget?: ByteBudget };

/** The process's one budget (on globalThis: the bundler may load this module more than once). */
export function snapshotBudget(): ByteBudget {
  return (g.__podnodeSnapshotBudget ??= new ByteBudget(positiveInt(process.env.PODNODE_SNAPSHOT_BUDGET_BYTES, 64 * 1024 * 1024)));
}
