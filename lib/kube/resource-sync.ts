// The list-then-watch loop for one resource (what client-go calls a reflector), written out
// because we need what client-node's informer does not give: paging, stripping at ingest,
// relist diffing, survival of non-410 errors, and a watchdog. Exactly one request chain runs
// at a time per resource: the loop is sequential, so a LIST and a WATCH never overlap.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@/lib/podnode/types';
import { Backoff, sleep, type BackoffOptions } from './backoff';
import { getListPage, isGone, KubeApiError, type ListPageRequest, type ListPageText } from './kube-request';
import { watchStream, WatchdogTimeout, type RawWatchEvent } from './watch-stream';
import { emptyMetrics, type ResourceMetrics } from './resource-metrics';
import { parseWithoutManagedFields } from './managed-fields';

/** How long a watch must have stood open to prove the server is back (see watchOnce). */
const WATCH_PROVEN_MS = 1_000;
/** A watch the server answered brings the next delay down to at most base × 2^this (1 s at the
 *  default base): an outage's grown delay must not outlive it, while a server that accepts and
 *  drops every watch at once is still asked at most about once a second. */
const ANSWERED_ATTEMPTS = 2;

export type ResourceName = 'pods' | 'nodes' | 'pdbs' | 'events';

export type ResourceSyncConfig = {
  resource: ResourceName;
  /** what this loop lists, for status and logs: `pods`, `nodes`, `pods in team-a` */
  label: string;
  kind: 'Pod' | 'Node' | 'PodDisruptionBudget' | 'Event';
  /** what LIST items (which omit it) are stamped with: `v1`, `policy/v1` */
  apiVersion?: string;
  path: string;
  keyOf: (obj: KubeObject) => string;
  strip: (obj: unknown) => KubeObject;
  /** told of each object a LIST or an ADDED/MODIFIED event brings, as soon as it is stripped: its
   *  objects are still in the CPU's caches then (see ClusterCache.onPodIngested) */
  ingested?: (obj: KubeObject) => void;
  pageLimit: number;
  watchdogMs: number;
  /** [min, max] seconds; randomised so a fleet's watches do not all expire together */
  watchTimeoutSeconds: readonly [number, number];
  listIdleTimeoutMs: number;
  backoff?: BackoffOptions;
  /** a watch that expires this long after its LIST is routine, even on a quiet cluster that sent
   *  no event meanwhile: relist at once rather than back off; default 5 s */
  quietGoneMs?: number;
  /** after a 403, how long before asking again: permissions change rarely, and a storm of
   *  refused LISTs helps nobody; default 5 min */
  forbiddenRetryMs?: number;
  /** hold at most this many objects, the least recently written dropped first (events: a busy
   *  cluster makes them faster than anyone reads them); default unbounded */
  cap?: number;
};

export type BackoffInfo = { resource: ResourceName; delayMs: number; error: Error };

export type ResourceSyncHooks = {
  upsert(obj: KubeObject): void;
  delete(obj: KubeObject): void;
  /** a complete LIST has been applied */
  listed(): void;
  /** evidence that we are in sync: a LIST completed, a watch opened or delivered an event */
  healthy(): void;
  failed(err: Error): void;
  /** a relist is starting (after a 410): the view is catching up, not live */
  relisting(): void;
  /** the credentials may not list this resource (HTTP 403) */
  forbidden(err: KubeApiError): void;
  backingOff?(info: BackoffInfo): void;
};

export class ResourceSync {
  readonly items = new Map<string, KubeObject>();
  readonly metrics: ResourceMetrics = emptyMetrics();
  private resourceVersion = '';
  private needList = true;
  // After a watchdog abort an open connection proves nothing (the server may accept and
  // stay silent again), so only an event may declare the resource healthy.
  private requireEvent = false;
  private readonly backoff: Backoff;
  /** between relists forced by 410s: reset only by a watch that delivers, never by a LIST, so a
   *  server that lists fine but expires every watch at once is asked ever more slowly */
  private readonly goneBackoff: Backoff;
  private eventsSinceList = 0;
  /** when the current watch got its 200; 0 before it did */
  private watchOpenedAt = 0;
  private listedAt = 0;
  private kc: KubeConfig | null = null;

  constructor(
    /** a promise so a cache can exist (and be shared) before its demo cluster has started */
    private readonly kcReady: Promise<KubeConfig>,
    private readonly cfg: ResourceSyncConfig,
    private readonly hooks: ResourceSyncHooks,
    private readonly signal: AbortSignal,
  ) {
    this.backoff = new Backoff(cfg.backoff);
    this.goneBackoff = new Backoff(cfg.backoff);
  }

  async run(): Promise<void> {
    try {
      this.kc = await this.kcReady;
    } catch (err) {
      this.hooks.failed(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    while (!this.signal.aborted) {
      try {
        if (this.needList) await this.relist();
        await this.watchOnce();
      } catch (err) {
        if (this.signal.aborted) return;
        const error = err instanceof Error ? err : new Error(String(err));
        const fromWatch = !this.needList;
        if (isGone(error)) {
          this.metrics.gones++;
          this.needList = true;
          this.hooks.relisting();
          // A watch that expired after delivering is routine: relist at once. One that expires
          // before it delivered anything since the LIST would loop LIST→410→LIST: back off as
          // client-go's reflector does. A LIST chain that keeps expiring (continue token too old)
          // falls through to the ordinary backoff below.
          if (fromWatch) {
            // (quiet: a server that lost its history — a restore, a restart without continuity —
            // expires a watch that had nothing to say; only an expiry right after the LIST loops)
            if (this.eventsSinceList > 0 || Date.now() - this.listedAt >= (this.cfg.quietGoneMs ?? 5_000)) {
              this.goneBackoff.reset();
              continue;
            }
            if (!(await this.pause(this.goneBackoff.next(), error))) return;
            continue;
          }
        }
        // 403: the credentials may not read it; 404 (on a LIST): this server does not serve it.
        // Either way a named limit, asked about again only every few minutes.
        if (error instanceof KubeApiError && (error.status === 403 || (error.status === 404 && !fromWatch))) {
          this.metrics.errors++;
          this.needList = true;
          this.hooks.forbidden(error);
          if (!(await this.pause(this.cfg.forbiddenRetryMs ?? 5 * 60_000, error))) return;
          continue;
        }
        if (error instanceof WatchdogTimeout) {
          this.metrics.watchdogRestarts++;
          this.requireEvent = true;
        }
        this.metrics.errors++;
        // say what failed: "watch: connect ECONNREFUSED 10.0.0.1:6443" reads better in a badge
        this.hooks.failed(new Error(`${fromWatch ? 'watch' : 'list'}: ${error.message}`));
        const retryAfter = error instanceof KubeApiError ? error.retryAfterSeconds : undefined;
        if (!(await this.pause(this.backoff.next(retryAfter), error))) return;
      }
    }
  }

  /** Waits `delayMs` before the next attempt, saying so; false when the loop was stopped meanwhile. */
  private async pause(delayMs: number, error: Error): Promise<boolean> {
    this.hooks.backingOff?.({ resource: this.cfg.resource, delayMs, error });
    try {
      await sleep(delayMs, this.signal);
      return true;
    } catch {
      return false;
    }
  }

  private async relist(): Promise<void> {
    this.metrics.listChains++;
    this.eventsSinceList = 0;
    const fresh = new Map<string, KubeObject>();
    let rv = '';
    // One page ahead: the next page is asked for from the head of this one, so the server writes it
    // while this one is parsed and ingested. A request left behind (an error, or a head the parsed
    // page contradicts) is cancelled rather than read to the end.
    const fetchPage = (cont: string | undefined): ListPageRequest =>
      getListPage(this.connection(), this.cfg.path, { limit: this.cfg.pageLimit, continue: cont }, {
        signal: this.signal,
        idleTimeoutMs: this.cfg.listIdleTimeoutMs,
      });
    let next: ListPageRequest | undefined = fetchPage(undefined);
    try {
      while (next) {
        const { text, continueToken }: ListPageText = await next.page; // (typed: `next` is reassigned below)
        this.metrics.listPages++;
        next = continueToken ? fetchPage(continueToken) : undefined;
        if (next) await next.sent;
        const { items, metadata } = asList(parseWithoutManagedFields(text));
        for (const raw of items) {
          const obj = this.ingest(raw);
          fresh.set(this.cfg.keyOf(obj), obj);
          this.cfg.ingested?.(obj);
        }
        rv = metadata.resourceVersion;
        // the parsed page has the last word (a head that did not say, or said otherwise)
        const cont = metadata.continue || undefined;
        if (cont !== (continueToken || undefined)) {
          next?.cancel();
          next = cont ? fetchPage(cont) : undefined;
        }
      }
    } catch (error) {
      next?.cancel();
      throw error;
    }
    this.applyDiff(this.cfg.cap ? newest(fresh, this.cfg.cap) : fresh);
    this.resourceVersion = rv;
    this.needList = false;
    this.requireEvent = false;
    this.backoff.reset();
    this.listedAt = Date.now();
    this.hooks.listed();
    this.hooks.healthy();
  }

  /** Consumers see a relist as the difference from what they already hold, never a reset. */
  private applyDiff(fresh: Map<string, KubeObject>): void {
    for (const [key, prev] of this.items) {
      if (fresh.has(key)) continue;
      this.items.delete(key);
      this.hooks.delete(prev);
    }
    for (const [key, obj] of fresh) {
      const prev = this.items.get(key);
      if (prev && prev.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
      this.items.set(key, obj);
      this.hooks.upsert(obj);
    }
    if (this.cfg.cap) {
      // eviction follows the Map's order: make it the listed objects' write order
      this.items.clear();
      for (const [key, obj] of fresh) this.items.set(key, obj);
    }
  }

  private async watchOnce(): Promise<void> {
    const [lo, hi] = this.cfg.watchTimeoutSeconds;
    const timeoutSeconds = Math.round(lo + Math.random() * (hi - lo));
    const started = Date.now();
    let events = 0;
    this.watchOpenedAt = 0;
    this.metrics.watches++;
    try {
      await watchStream(
        this.connection(),
        this.cfg.path,
        { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        {
          signal: this.signal,
          idleTimeoutMs: this.cfg.watchdogMs,
          onOpen: () => {
            this.watchOpenedAt = Date.now();
            this.backoff.atMost(ANSWERED_ATTEMPTS);
            if (!this.requireEvent) this.hooks.healthy();
          },
          onEvent: (evt) => {
            events++;
            this.apply(evt); // an ERROR event throws here, before it could count as progress
            if (evt.type !== 'BOOKMARK') this.eventsSinceList++;
            this.requireEvent = false;
            this.backoff.reset();
            this.hooks.healthy();
          },
        },
      );
    } finally {
      // A watch that stood open a while proved the server is back: whatever ends it starts a new
      // run of failures. Without this a quiet watch (no event, no bookmark yet) kept the delay an
      // earlier outage had grown, up to the cap, and a server that then restarted waited that long.
      if (this.watchOpenedAt > 0 && Date.now() - this.watchOpenedAt >= WATCH_PROVEN_MS) this.backoff.reset();
    }
    // Closed normally: re-watch from the last resourceVersion. A server that closes at once
    // with nothing said gets a backoff pause, so we never spin on it.
    if (events === 0 && Date.now() - started < 1000) {
      const delayMs = this.backoff.next();
      this.hooks.backingOff?.({ resource: this.cfg.resource, delayMs, error: new Error('watch closed at once, empty') });
      await sleep(delayMs, this.signal);
    }
  }

  private connection(): KubeConfig {
    if (!this.kc) throw new Error('ResourceSync used before run()');
    return this.kc;
  }

  private apply(evt: RawWatchEvent): void {
    this.metrics.events++;
    switch (evt.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const obj = this.ingest(evt.object);
        this.cfg.ingested?.(obj);
        const key = this.cfg.keyOf(obj);
        if (this.cfg.cap) this.items.delete(key); // re-inserted last: the Map's order is write order
        this.items.set(key, obj);
        this.advance(obj);
        this.hooks.upsert(obj);
        if (this.cfg.cap) this.dropOldest(this.cfg.cap);
        return;
      }
      case 'DELETED': {
        const obj = this.ingest(evt.object);
        this.items.delete(this.cfg.keyOf(obj));
        this.advance(obj);
        this.hooks.delete(obj);
        return;
      }
      case 'BOOKMARK':
        this.metrics.bookmarks++;
        this.advance(evt.object as KubeObject);
        return;
      case 'ERROR':
        throw statusToError(evt.object, this.cfg.label);
    }
  }

  private dropOldest(cap: number): void {
    for (const [key, obj] of this.items) {
      if (this.items.size <= cap) return;
      this.items.delete(key);
      this.hooks.delete(obj);
    }
  }

  private advance(obj: KubeObject): void {
    const rv = obj?.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
  }

  private ingest(raw: unknown): KubeObject {
    const obj = this.cfg.strip(raw);
    // LIST items come without apiVersion/kind; watch objects carry them. Make both alike.
    obj.apiVersion ??= this.cfg.apiVersion ?? 'v1';
    obj.kind ??= this.cfg.kind;
    return obj;
  }
}

/** The `cap` most recently written objects of a LIST, oldest first (the order eviction follows). */
function newest(listed: Map<string, KubeObject>, cap: number): Map<string, KubeObject> {
  const byTime = [...listed].map(([key, obj]) => ({ key, obj, at: writtenAt(obj) }));
  byTime.sort((a, b) => a.at - b.at);
  return new Map(byTime.slice(Math.max(0, byTime.length - cap)).map((e) => [e.key, e.obj]));
}

/** When an object was last written, as far as it says: an event's last occurrence, else its creation. */
function writtenAt(obj: KubeObject): number {
  const o = obj as { lastTimestamp?: unknown; eventTime?: unknown; series?: { lastObservedTime?: unknown } };
  for (const t of [o.series?.lastObservedTime, o.lastTimestamp, o.eventTime, obj.metadata.creationTimestamp]) {
    if (typeof t === 'string') {
      const ms = Date.parse(t);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return 0;
}

type ListPage = { items: unknown[]; metadata: { resourceVersion: string; continue?: string } };

function asList(page: unknown): ListPage {
  const p = page as Partial<ListPage> | null;
  if (!p || !Array.isArray(p.items) || typeof p.metadata?.resourceVersion !== 'string') {
    throw new KubeApiError('LIST response is not a list (no items or resourceVersion)');
  }
  return p as ListPage;
}

function statusToError(obj: unknown, resource: string): KubeApiError {
  const s = (obj ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  const code = typeof s.code === 'number' ? s.code : undefined;
  const reason = typeof s.reason === 'string' ? s.reason : undefined;
  const message = typeof s.message === 'string' ? s.message : 'watch ERROR event';
  return new KubeApiError(`watch ${resource}: ${message}`, code, reason);
}
