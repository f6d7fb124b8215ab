import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from the base to the cap, with jitter within the upper half', () => {
    const hi = new Backoff({ baseMs: 250, capMs: 30_000, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(() => hi.next())).toEqual([250, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    const lo = new Backoff({ baseMs: 250, capMs: 30_000, random: () => 0 });
    expect([1, 2, 3].map(() => lo.next())).toEqual([125, 250, 500]);
  });

  it('honours Retry-After as a floor and resets after success', () => {
    const b = new Backoff({ baseMs: 250, random: () => 0 });
    expect(b.next(3)).toBe(3000);
    b.next();
    b.reset();
    expect(b.next()).toBe(125);
  });
});
