// The budget shared by snapshots waiting to be read: one always goes; the next waits for room, in
// order; a stream that leaves the queue, or leaves after being woken, never holds the others up, nor
// does one whose reader stalls for longer than the hold's cap.
import { describe, expect, it, vi } from 'vitest';
import { ByteBudget, type Turn } from './snapshot-budget';

const woken = async (turn: Turn | null): Promise<boolean> => {
  if (!turn) return true;
  let done = false;
  void turn.ready.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('the snapshot budget', () => {
  it('lets one snapshot through whatever its size, then queues the next until it is read', async () => {
    const budget = new ByteBudget(100);
    expect(budget.admit()).toBeNull();
    const readA = budget.hold(500); // larger than the whole budget: still served, alone
    const b = budget.admit();
    const c = budget.admit();
    expect(budget.state).toEqual({ held: 500, waiting: 2 });
    expect(await woken(b)).toBe(false);
    readA();
    expect(await woken(b)).toBe(true);
    expect(await woken(c)).toBe(false); // B has not built yet: it may take the room
    const readB = budget.hold(40, b);
    expect(await woken(c)).toBe(true); // 40 of 100 held: room for C
    const readC = budget.hold(70, c);
    expect(budget.admit()).not.toBeNull(); // 110 held
    readB();
    readC();
    readC(); // twice is once
    expect(budget.state.held).toBe(0);
  });

  it('wakes the next when a waiting or a woken stream goes away, and when a joiner built nothing', async () => {
    const budget = new ByteBudget(10);
    const readA = budget.hold(10);
    const b = budget.admit()!;
    const c = budget.admit()!;
    const d = budget.admit()!;
    c.leave(); // left while queued
    expect(budget.state.waiting).toBe(2);
    readA();
    expect(await woken(b)).toBe(true);
    b.leave(); // woken, then its client went away before it built
    expect(await woken(d)).toBe(true);
    budget.hold(0, d); // given a kept snapshot: nothing to count, and its turn is over
    expect(budget.admit()).toBeNull();
    expect(budget.state).toEqual({ held: 0, waiting: 0 });
  });

  it('stops counting a snapshot whose reader stalls past the cap, and wakes the next', async () => {
    vi.useFakeTimers();
    try {
      const budget = new ByteBudget(10, 30_000);
      const stalled = budget.hold(50);
      let woken = false;
      void budget.admit()!.ready.then(() => (woken = true));
      vi.advanceTimersByTime(29_999);
      expect(budget.state).toEqual({ held: 50, waiting: 1 });
      vi.advanceTimersByTime(1);
      expect(budget.state).toEqual({ held: 0, waiting: 0 });
      stalled(); // read at last: already let go, counted once
      expect(budget.state.held).toBe(0);
      await Promise.resolve();
      expect(woken).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
