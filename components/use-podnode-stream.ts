'use client';
// The live rows for the current query: a StreamSession per query (see stream-session.ts), its
// rows in a RowStore outside React, and re-renders at most every RENDER_EVERY_MS however fast
// patches arrive.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SnapshotEvent } from '@/lib/rows/wire';
import { RowStore } from '@/components/row-store';
import { browserDeps, metaOf, StreamSession, type StreamMeta } from '@/components/stream-session';

export type { StreamMeta };

const RENDER_EVERY_MS = 150;

type Initial = { snapshot: SnapshotEvent | null; partial: boolean; params: string | null };

export function usePodnodeStream(params: string | null, initial: Initial, paused: boolean) {
  const [store] = useState(() => {
    const s = new RowStore();
    if (initial.snapshot) s.replace(initial.snapshot.rows);
    return s;
  });
  const [meta, setMeta] = useState<StreamMeta>(() => metaOf(initial.snapshot, initial.partial, initial.snapshot ? initial.params : null));
  const pausedRef = useRef(paused);
  const listeners = useRef(new Set<() => void>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const notifySoon = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      for (const l of listeners.current) l();
    }, RENDER_EVERY_MS);
  };

  useEffect(() => {
    pausedRef.current = paused;
    if (!paused) {
      store.flushPending();
      notifySoon();
    }
  }, [paused, store]);

  useEffect(() => {
    if (params === null) return;
    const session = new StreamSession(params, { store, paused: () => pausedRef.current, setMeta, rowsChanged: notifySoon }, browserDeps());
    session.start();
    return () => session.stop();
  }, [params, store]);

  const version = useSyncExternalStore(
    (cb) => {
      listeners.current.add(cb);
      return () => listeners.current.delete(cb);
    },
    () => store.version,
    () => store.version,
  );

  return { store, version, meta, pending: store.pending.size };
}
