import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '@/lib/podnode/types';
import { ChangeBatcher, type ChangeBatch } from './change-batcher';

const pod = (uid: string, rv: string): KubeObject => ({ metadata: { name: uid, uid, resourceVersion: rv } });

describe('ChangeBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('merges a window of events, last write per key wins', () => {
    vi.useFakeTimers();
    const batches: ChangeBatch[] = [];
    const b = new ChangeBatcher(100, (x) => batches.push(x));
    b.add('pods', 'a', pod('a', '1'), false);
    b.add('pods', 'a', pod('a', '2'), false);
    b.add('pods', 'b', pod('b', '3'), false);
    b.add('pods', 'b', pod('b', '3'), true); // upsert then delete → delete
    b.add('pods', 'c', pod('c', '4'), true);
    b.add('pods', 'c', pod('c', '5'), false); // delete then upsert → upsert
    b.add('nodes', 'n1', pod('n1', '6'), false);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(99);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch!.pods.upserts.map((p) => p.metadata.resourceVersion)).toEqual(['2', '5']);
    expect(batch!.pods.deletes.map((p) => p.metadata.uid)).toEqual(['b']);
    expect(batch!.nodes.upserts.map((p) => p.metadata.name)).toEqual(['n1']);
    expect(batch!.status).toBeUndefined();
  });

  it('does not extend the window under a steady stream of events', () => {
    vi.useFakeTimers();
    const batches: ChangeBatch[] = [];
    const b = new ChangeBatcher(100, (x) => batches.push(x));
    for (let i = 0; i < 10; i++) {
      b.add('pods', `p${i}`, pod(`p${i}`, `${i}`), false);
      vi.advanceTimersByTime(30);
    }
    // events every 30 ms; a window opens at the first event of each batch: t=0..90 flush at
    // 100, t=120..210 at 220, t=240..270 at 340
    vi.advanceTimersByTime(100);
    expect(batches.map((x) => x.pods.upserts.length)).toEqual([4, 4, 2]);
  });

  it('sends status changes promptly with pending changes', () => {
    vi.useFakeTimers();
    const batches: ChangeBatch[] = [];
    const b = new ChangeBatcher(1000, (x) => batches.push(x));
    b.add('pods', 'a', pod('a', '1'), false);
    b.setStatus({ state: 'live', lastSyncAt: 'now' });
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.status?.state).toBe('live');
    expect(batches[0]!.pods.upserts).toHaveLength(1);
    vi.advanceTimersByTime(2000);
    expect(batches).toHaveLength(1);
  });
});
