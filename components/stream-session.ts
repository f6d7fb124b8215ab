// One connection to /api/podnodes/stream for one query, without React: the snapshot replaces the
// rows, patches apply in place by uid (or wait while paused), a restarted server's `syncing`
// snapshot is built on the side while the held rows stay, and a broken connection is retried
// with backoff. Every message is validated before it is used; a bad one is dropped, never applied.
import {
  clusterStatusSchema,
  facetsSchema,
  patchEventSchema,
  type ClusterStatus,
  type ContextInfo,
  type Facets,
  type SnapshotEvent,
} from '@/lib/rows/wire';
import { snapshotFromWire } from '@/lib/rows/wire-pack';
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

export function metaOf(s: SnapshotEvent | null, partial: boolean, params: string | null): StreamMeta {
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

/** The part of EventSource this uses, so tests can drive a session without a network. */
export type EventSourceLike = {
  addEventListener(type: string, listener: (ev: { data: string }) => void): void;
  close(): void;
  onerror: ((ev: unknown) => void) | null;
};

export type SessionDeps = {
  open: (url: string) => EventSourceLike;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  random: () => number;
  now: () => Date;
  warn: (message: string, err: unknown) => void;
};

export type SessionHooks = {
  store: RowStore;
  paused: () => boolean;
  /** meta changes, as a React state updater would take them */
  setMeta: (update: (m: StreamMeta) => StreamMeta) => void;
  /** the rows changed: re-render soon */
  rowsChanged: () => void;
};

/** The backoff for the n-th consecutive failure: 0.5 s doubling to 15 s, with jitter (×0.5–1). */
export function retryDelayMs(attempt: number, random: number): number {
  return Math.min(15_000, 500 * 2 ** attempt) * (0.5 + random / 2);
}

export const browserDeps = (): SessionDeps => ({
  open: (url) => new EventSource(url) as unknown as EventSourceLike,
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (h) => window.clearTimeout(h as number),
  random: Math.random,
  now: () => new Date(),
  warn: (message, err) => console.warn(message, err),
});

export class StreamSession {
  private es: EventSourceLike | null = null;
  private retry: unknown;
  private attempt = 0;
  private stopped = false;
  private staging: { rows: RowStore; meta: StreamMeta } | null = null;

  constructor(
    private readonly params: string,
    private readonly hooks: SessionHooks,
    private readonly deps: SessionDeps,
  ) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry !== undefined) this.deps.clearTimeout(this.retry);
    this.es?.close();
  }

  private connect(): void {
    if (this.stopped) return;
    const { setMeta } = this.hooks;
    setMeta((m) => ({ ...m, connection: m.connection === 'retrying' ? 'retrying' : 'connecting' }));
    // pack=1: the snapshot comes compact (lib/rows/wire-pack.ts); a third of the bytes at 150k rows
    const es = (this.es = this.deps.open(`/api/podnodes/stream?${this.params ? `${this.params}&` : ''}pack=1`));
    const on = (type: string, handle: (data: unknown) => void) =>
      es.addEventListener(type, (ev) => {
        try {
          handle(JSON.parse(ev.data));
        } catch (err) {
          this.deps.warn(`podnode stream: bad ${type} message`, err);
        }
      });
    on('snapshot', (data) => this.snapshot(snapshotFromWire(data)));
    on('patch', (data) => this.patch(patchEventSchema.parse(data)));
    on('status', (data) => this.status(clusterStatusSchema.parse(data)));
    on('facets', (data) => {
      const facets = facetsSchema.parse(data);
      if (this.staging) this.staging.meta = { ...this.staging.meta, facets };
      else setMeta((m) => ({ ...m, facets }));
    });
    es.onerror = () => {
      // EventSource retries by itself only on some failures; own the policy: close, back off, reopen.
      es.close();
      if (this.stopped) return;
      const delay = retryDelayMs(this.attempt++, this.deps.random());
      const since = this.deps.now().toISOString();
      setMeta((m) => ({ ...m, connection: 'retrying', disconnectedSince: m.disconnectedSince ?? since }));
      this.retry = this.deps.setTimeout(() => this.connect(), delay);
    };
  }

  private snapshot(s: SnapshotEvent): void {
    const { store, setMeta, rowsChanged } = this.hooks;
    this.attempt = 0;
    if (s.status.state === 'syncing' && store.byUid.size > 0) {
      // A restarted server is still listing the cluster: keep showing what we hold until its
      // cache is live again, and build the new view on the side.
      this.staging = { rows: new RowStore(), meta: metaOf(s, false, this.params) };
      this.staging.rows.replace(s.rows);
      setMeta((m) => ({ ...m, status: s.status, context: s.context, connection: 'open', disconnectedSince: null }));
      return;
    }
    this.staging = null;
    store.replace(s.rows);
    setMeta(() => ({ ...metaOf(s, false, this.params), connection: 'open' }));
    rowsChanged();
  }

  private patch(p: ReturnType<typeof patchEventSchema.parse>): void {
    const { store, setMeta, rowsChanged, paused } = this.hooks;
    if (this.staging) {
      this.staging.rows.patch(p, false);
      this.staging.meta = { ...this.staging.meta, total: p.total, matched: p.matched, nodes: p.nodes };
      return;
    }
    store.patch(p, paused());
    setMeta((m) => (m.total === p.total && m.matched === p.matched && m.nodes === p.nodes ? m : { ...m, total: p.total, matched: p.matched, nodes: p.nodes }));
    rowsChanged();
  }

  private status(status: ClusterStatus): void {
    const { store, setMeta, rowsChanged } = this.hooks;
    if (this.staging && status.state === 'live') {
      store.replace(this.staging.rows.entries().map((e) => e.row));
      const next = { ...this.staging.meta, status, connection: 'open' as const };
      this.staging = null;
      setMeta(() => next);
      rowsChanged();
      return;
    }
    setMeta((m) => ({ ...m, status }));
  }
}
