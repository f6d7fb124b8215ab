'use client';
// One EventSource on /api/podnodes/stream for the current query: the snapshot replaces the rows,
// patches apply in place by uid (or wait while paused), and a broken connection is retried with
// backoff while the rows already on screen stay. Every message is validated before it is used.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  clusterStatusSchema,
  facetsSchema,
  patchEventSchema,
  snapshotEventSchema,
  type ClusterStatus,
  type ContextInfo,
  type Facets,
  type SnapshotEvent,
} from '@/lib/api/wire';
import { RowStore } from '@/components/row-store';

export type StreamMeta = {
  status: ClusterStatus | null;
  context: ContextInfo | null;
  facets: Facets | null;
  total: number;
  matched: number;
  /** nodes in the cluster */
  nodes: number;
  /** the page's own link to the dashboard server */
  connection: 'connecting' | 'open' | 'retrying';
  disconnectedSince: string | null;
  /** the rows came from the server render and may be only the first page of them */
  partial: boolean;
  /** the stream params the held rows answer; differs from the view's while a new query loads */
  params: string | null;
};

/** Re-render at most this often however fast patches arrive. */
const RENDER_EVERY_MS = 150;

function metaOf(s: SnapshotEvent | null, partial: boolean, params: string | null): StreamMeta {
  return {
    status: s?.status ?? null,
    context: s?.context ?? null,
    facets: s?.facets ?? null,
    total: s?.total ?? 0,
    matched: s?.matched ?? 0,
    nodes: s?.nodes ?? 0,
    connection: 'connecting',
    disconnectedSince: null,
    partial,
    params,
  };
}

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
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let staging: { rows: RowStore; meta: StreamMeta } | null = null;
    const on = (type: string, handle: (data: unknown) => void) =>
      es!.addEventListener(type, (ev) => {
        try {
          handle(JSON.parse((ev as MessageEvent<string>).data));
        } catch (err) {
          console.warn(`podnode stream: bad ${type} message`, err);
        }
      });
    const connect = () => {
      setMeta((m) => ({ ...m, connection: m.connection === 'retrying' ? 'retrying' : 'connecting' }));
      es = new EventSource(`/api/podnodes/stream?${params}`);
      on('snapshot', (data) => {
        const s = snapshotEventSchema.parse(data);
        attempt = 0;
        if (s.status.state === 'syncing' && store.byUid.size > 0) {
          // A restarted server is still listing the cluster: keep showing what we hold until its
          // cache is live again, and build the new view on the side.
          staging = { rows: new RowStore(), meta: metaOf(s, false, params) };
          staging.rows.replace(s.rows);
          setMeta((m) => ({ ...m, status: s.status, context: s.context, connection: 'open', disconnectedSince: null }));
          return;
        }
        staging = null;
        store.replace(s.rows);
        setMeta({ ...metaOf(s, false, params), connection: 'open' });
        notifySoon();
      });
      on('patch', (data) => {
        const p = patchEventSchema.parse(data);
        if (staging) {
          staging.rows.patch(p, false);
          staging.meta = { ...staging.meta, total: p.total, matched: p.matched, nodes: p.nodes };
          return;
        }
        store.patch(p, pausedRef.current);
        setMeta((m) => (m.total === p.total && m.matched === p.matched && m.nodes === p.nodes ? m : { ...m, total: p.total, matched: p.matched, nodes: p.nodes }));
        notifySoon();
      });
      on('status', (data) => {
        const status = clusterStatusSchema.parse(data);
        if (staging && status.state === 'live') {
          store.replace(staging.rows.entries().map((e) => e.row));
          const next = { ...staging.meta, status, connection: 'open' as const };
          staging = null;
          setMeta(next);
          notifySoon();
          return;
        }
        setMeta((m) => ({ ...m, status }));
      });
      on('facets', (data) => {
        const facets = facetsSchema.parse(data);
        if (staging) staging.meta = { ...staging.meta, facets };
        else setMeta((m) => ({ ...m, facets }));
      });
      es.onerror = () => {
        // EventSource retries by itself only on some failures; own the policy: close, back off, reopen.
        es?.close();
        const delay = Math.min(15_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
        attempt++;
        setMeta((m) => ({ ...m, connection: 'retrying', disconnectedSince: m.disconnectedSince ?? new Date().toISOString() }));
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      es?.close();
    };
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
