// One cluster context's pods and nodes (and the PodDisruptionBudgets and events the spot-risk
// views read), held in memory and kept current by one LIST+WATCH per
// resource, shared by every viewer in the process: 1 viewer or 500 cost the API
// server the same requests. Status tells the truth about freshness; an error never throws
// away rows already held.
import type { KubeConfig } from '@kubernetes/client-node';
import { sleep } from './backoff';
import { getJson, KubeApiError } from './kube-request';
import type { ClusterStatus, ContextInfo } from './types';
import type { KubeObject } from '@/lib/podnode/types';
import type { BackoffOptions } from './backoff';
import { ChangeBatcher, type ChangeBatch } from './change-batcher';
import { emptyMetrics, type ResourceMetrics } from './resource-metrics';
import { ResourceSync, type BackoffInfo, type ResourceName, type ResourceSyncConfig, type ResourceSyncHooks } from './resource-sync';
import { redactWholePod, stripNode, stripPod } from './strip';
import { scrub } from './safe-error';
import { stripEvent, stripPdb } from './strip-extra';
import { Interner } from './intern';
import { StatusTracker } from './status-tracker';

export type { ChangeBatch } from './change-batcher';
/** the name the row engine uses for a subscriber batch */
export type CacheBatch = ChangeBatch;
export type { BackoffInfo } from './resource-sync';

export type ClusterCacheOptions = {
  /** a promise when the cluster is still starting (the in-process demo simulator) */
  kc: KubeConfig | Promise<KubeConfig>;
  /** the registry may fill in `server` once a demo cluster has its port */
  context: ContextInfo;
  /** LIST page size; default 500 */
  pageLimit?: number;
  /** abort a watch silent (not even a bookmark) for this long; default 90 s */
  watchdogMs?: number;
  /** coalescing window for subscriber batches; default 150 ms */
  batchWindowMs?: number;
  /** server-side watch timeout range, seconds; default [300, 600] */
  watchTimeoutSeconds?: readonly [number, number];
  /** socket idle time that fails a LIST page; default 60 s */
  listIdleTimeoutMs?: number;
  /** see ResourceSyncConfig.quietGoneMs; default 5 s */
  quietGoneMs?: number;
  backoff?: BackoffOptions;
  /** observability hook: every retry delay chosen */
  onBackoff?: (info: BackoffInfo) => void;
  /** list and watch pods in these namespaces only (one loop each), for credentials that may not
   *  list pods cluster-wide; default: all namespaces in one loop */
  namespaces?: readonly string[];
  /** after a 403, how long before a loop asks again; default 5 min */
  forbiddenRetryMs?: number;
  /** while no watch event arrives for this long, ask for one node (a read the API server must take
   *  from its storage) to learn whether it can still serve; default 30 s, 0 = never */
  probeIntervalMs?: number;
  /** events held at most, the least recently written dropped first; default 10,000 */
  eventCap?: number;
  /** the resources beyond pods and nodes (for the workload and event views); default both. The
   *  benchmarks turn them off one at a time to measure what each costs. */
  extras?: { pdbs?: boolean; events?: boolean };
};

export type ChangeListener = (batch: ChangeBatch) => void;

export class ClusterCache {
  private readonly abort = new AbortController();
  private readonly podSyncs: ResourceSync[];
  private readonly nodeSync: ResourceSync;
  private readonly pdbSyncs: ResourceSync[];
  private readonly eventSyncs: ResourceSync[];
  private readonly listeners = new Set<ChangeListener>();
  private readonly podIngestListeners = new Set<(pod: KubeObject) => void>();
  private readonly batcher: ChangeBatcher;
  private readonly status: StatusTracker;
  private runs: Promise<void>[] = [];
  private lastEventAt = 0;
  private readonly kcReady: Promise<KubeConfig>;
  private loopsRunning = 0;
  private changeCount = 0;
  private readonly podNamespaces: readonly string[] | null;

  constructor(private readonly opts: ClusterCacheOptions) {
    this.batcher = new ChangeBatcher(opts.batchWindowMs ?? 150, (b) => this.deliver(b));
    const namespaces = opts.namespaces?.length ? [...new Set(opts.namespaces)] : null;
    this.podNamespaces = namespaces && [...namespaces].sort();
    // Namespaced credentials read each namespace on its own; otherwise one cluster-wide loop.
    const loopsOf = (resource: string, group: string) =>
      namespaces
        ? namespaces.map((ns) => ({ label: `${resource} in ${ns}`, path: `${group}/namespaces/${encodeURIComponent(ns)}/${resource}`, namespace: ns as string | null }))
        : [{ label: resource, path: `${group}/${resource}`, namespace: null }];
    const podLoops = loopsOf('pods', '/api/v1');
    const pdbLoops = opts.extras?.pdbs === false ? [] : loopsOf('poddisruptionbudgets', '/apis/policy/v1');
    const eventLoops = opts.extras?.events === false ? [] : loopsOf('events', '/api/v1');
    // Events are extra: the rows go live without waiting for them (a busy cluster may hold many).
    this.status = new StatusTracker([...podLoops.map((l) => l.label), 'nodes', ...pdbLoops.map((l) => l.label), ...eventLoops.map((l) => l.label)], (s) => {
      if (this.listeners.size > 0) this.batcher.setStatus(s);
    }, new Set(eventLoops.map((l) => l.label)));
    const kcReady = Promise.resolve(opts.kc);
    kcReady.catch(() => {}); // reported through status by each loop, not as an unhandled rejection
    this.kcReady = kcReady;
    const common = {
      pageLimit: opts.pageLimit ?? 500,
      watchdogMs: opts.watchdogMs ?? 90_000,
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? ([300, 600] as const),
      listIdleTimeoutMs: opts.listIdleTimeoutMs ?? 60_000,
      quietGoneMs: opts.quietGoneMs,
      backoff: opts.backoff,
      forbiddenRetryMs: opts.forbiddenRetryMs,
    };
    // One interner per cache: replicas of a template share one copy of it (see intern.ts).
    const interner = new Interner();
    const sync = (cfg: Omit<ResourceSyncConfig, keyof typeof common>, forbiddenWhy: string) =>
      new ResourceSync(kcReady, { ...common, ...cfg }, this.hooks(cfg.resource, cfg.label, cfg.keyOf, forbiddenWhy), this.abort.signal);
    const byUid = (o: KubeObject) => o.metadata.uid;
    this.podSyncs = podLoops.map((loop) =>
      sync({ resource: 'pods', label: loop.label, kind: 'Pod', path: loop.path, keyOf: byUid, strip: (o) => interner.pod(stripPod(o)), ingested: (pod) => this.podIngested(pod) }, forbiddenPods(loop.namespace)),
    );
    this.nodeSync = sync(
      { resource: 'nodes', label: 'nodes', kind: 'Node', path: '/api/v1/nodes', keyOf: (o) => o.metadata.name, strip: (o) => interner.node(stripNode(o)) },
      FORBIDDEN_NODES,
    );
    this.pdbSyncs = pdbLoops.map((loop) =>
      sync(
        { resource: 'pdbs', label: loop.label, kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', path: loop.path, keyOf: byUid, strip: stripPdb },
        forbiddenExtra('poddisruptionbudgets', 'policy', loop.namespace, 'workloads show no PodDisruptionBudget'),
      ),
    );
    const cap = Math.max(1, Math.floor((opts.eventCap ?? 10_000) / Math.max(1, eventLoops.length)));
    this.eventSyncs = eventLoops.map((loop) =>
      sync(
        { resource: 'events', label: loop.label, kind: 'Event', path: loop.path, keyOf: byUid, strip: stripEvent, cap },
        forbiddenExtra('events', '', loop.namespace, 'no warnings or interruption notices are shown'),
      ),
    );
  }

  /** Starts every list-watch loop; idempotent. */
  start(): this {
    if (this.runs.length === 0 && !this.abort.signal.aborted) {
      const syncs = [...this.podSyncs, this.nodeSync, ...this.pdbSyncs, ...this.eventSyncs];
      this.runs = syncs.map((sync) => sync.run()).map((run) => {
        this.loopsRunning++;
        return run.finally(() => this.loopsRunning--);
      });
      this.runs.push(this.probeLoop());
    }
    return this;
  }

  /** Aborts every request and timer; resolves once every loop has ended. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('ClusterCache stopped'));
    this.batcher.clear();
    this.listeners.clear();
    await Promise.allSettled(this.runs);
  }

  /** list-watch loops that have not returned yet: 0 once stopped, so no request can follow */
  get runningLoops(): number {
    return this.loopsRunning;
  }

  getStatus(): ClusterStatus {
    return this.status.current();
  }

  context(): ContextInfo {
    return this.opts.context;
  }

  /** The namespaces whose pods (and PDBs and events) this cache holds, sorted; null: every one. */
  namespaces(): readonly string[] | null {
    return this.podNamespaces;
  }

  *pods(): IterableIterator<KubeObject> {
    for (const sync of this.podSyncs) yield* sync.items.values();
  }

  /** node name → node */
  nodes(): Map<string, KubeObject> {
    return this.nodeSync.items;
  }

  *pdbs(): IterableIterator<KubeObject> {
    for (const sync of this.pdbSyncs) yield* sync.items.values();
  }

  /** the held events, least recently written first */
  *events(): IterableIterator<KubeObject> {
    for (const sync of this.eventSyncs) yield* sync.items.values();
  }

  get podCount(): number {
    let n = 0;
    for (const sync of this.podSyncs) n += sync.items.size;
    return n;
  }

  /** bumped on every applied change: a cheap "has anything changed since" check */
  get version(): number {
    return this.changeCount;
  }

  metrics(): Record<ResourceName, ResourceMetrics> {
    return {
      pods: sumMetrics(this.podSyncs.map((p) => p.metrics)),
      nodes: { ...this.nodeSync.metrics },
      pdbs: sumMetrics(this.pdbSyncs.map((p) => p.metrics)),
      events: sumMetrics(this.eventSyncs.map((p) => p.metrics)),
    };
  }

  /** Resolves once pods, nodes and PodDisruptionBudgets have been listed (events are not waited
   *  for); rejects after timeoutMs with why not. */
  whenSynced(timeoutMs = 60_000): Promise<void> {
    return this.status.whenSynced(timeoutMs);
  }

  /** Resolves true once events have been listed too (or refused), false after timeoutMs: the sync
   *  does not wait for them, a one-shot answer that counts warnings must. */
  whenAllListed(timeoutMs: number): Promise<boolean> {
    return this.status.whenAllListed(timeoutMs);
  }

  /** Delivers the pending batch now: a reader that just saw the first sync gets every listed
   *  object in its subscribers, instead of a batch window later. */
  flushChanges(): void {
    this.batcher.flush();
  }

  /**
   * Coalesced change batches (and status changes). Subscribing costs no API requests: all
   * subscribers share this cache's one LIST+WATCH per resource.
   */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.batcher.clear();
    };
  }

  /**
   * Told of each pod a LIST page or a watch event brings, right after it is stripped and before
   * any batch holds it; a listed pod that turns out unchanged is told of too. At 150,000 pods, work
   * done per pod here finds its objects in the CPU's caches; the same work over the whole cache
   * after the sync waits on memory for each of them (docs/performance.md). Listeners must be quick
   * and must not change the pod.
   */
  onPodIngested(listener: (pod: KubeObject) => void): () => void {
    this.podIngestListeners.add(listener);
    return () => this.podIngestListeners.delete(listener);
  }

  private podIngested(pod: KubeObject): void {
    callEach(this.podIngestListeners, pod, 'pod-ingest listener');
  }

  /**
   * One pod's whole object, asked of the API server now (the detail drawer shows what the cache does
   * not keep): one GET, redacted by the same policy, 5 s at most. Rejects when it cannot; the caller
   * falls back to the kept fields.
   */
  async fetchPod(namespace: string, name: string, timeoutMs = 5_000): Promise<KubeObject> {
    const kc = await this.kcReady;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]);
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
    try {
      return redactWholePod(await getJson(kc, path, {}, { signal, idleTimeoutMs: timeoutMs }));
    } catch (err) {
      throw new Error(scrub(err instanceof Error ? err.message : String(err)));
    }
  }

  /** Watches can stay open and say nothing while the API server has lost etcd; a quiet cache asks
   *  for one node now and then (a consistent read: served only with working storage). */
  private async probeLoop(): Promise<void> {
    const every = this.opts.probeIntervalMs ?? 30_000;
    if (every <= 0) return;
    let kc: KubeConfig;
    try {
      kc = await this.kcReady;
    } catch {
      return;
    }
    while (!this.abort.signal.aborted) {
      try {
        await sleep(every, this.abort.signal);
      } catch {
        return;
      }
      if (Date.now() - this.lastEventAt < every) continue;
      try {
        await getJson(kc, '/api/v1/nodes', { limit: 1 }, { signal: this.abort.signal, idleTimeoutMs: Math.min(10_000, every) });
        this.status.probed(null);
      } catch (err) {
        if (this.abort.signal.aborted) return;
        // a 403 on nodes is already a named limit; it says nothing about the storage
        if (err instanceof KubeApiError && err.status === 403) this.status.probed(null);
        else this.status.probed(err instanceof Error ? err.message : String(err));
      }
    }
  }

  private hooks(resource: ResourceName, label: string, keyOf: (o: KubeObject) => string, forbiddenWhy: string): ResourceSyncHooks {
    const change = (obj: KubeObject, del: boolean) => {
      this.changeCount++;
      this.lastEventAt = Date.now();
      if (this.listeners.size > 0) this.batcher.add(resource, keyOf(obj), obj, del);
    };
    return {
      upsert: (obj) => change(obj, false),
      delete: (obj) => change(obj, true),
      listed: () => this.status.listed(label),
      healthy: () => {
        this.lastEventAt = Date.now();
        this.status.healthy(label);
      },
      failed: (err) => this.status.failed(label, err.message),
      forbidden: (err) => this.status.forbidden(label, err.status === 404 ? `${label}: this API server does not serve it (${err.message})` : forbiddenWhy),
      relisting: () => this.status.relisting(label),
      backingOff: (info) => {
        try {
          this.opts.onBackoff?.(info);
        } catch {
          // an observer's bug must not end the list-watch loop
        }
      },
    };
  }

  private deliver(batch: ChangeBatch): void {
    callEach([...this.listeners], batch, 'subscriber');
  }
}

/** Each listener in turn: one that throws must not starve the others or stop the watch. */
function callEach<T>(listeners: Iterable<(value: T) => void>, value: T, what: string): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (err) {
      console.error(`[podnode] ClusterCache ${what} threw:`, err);
    }
  }
}

// What a 403 means, said once where a user will read it: which permission is missing and which
// setting or manifest gives it. The loop then asks again only every few minutes, never in a storm.
const FORBIDDEN_NODES =
  'nodes: forbidden — the credentials may not list nodes, so rows show no capacity type, node group or zone. ' +
  'Grant get, list, watch on nodes with a ClusterRole (deploy/ does).';

function forbiddenPods(namespace: string | null): string {
  return namespace
    ? `pods in ${namespace}: forbidden — grant get, list, watch on pods in namespace ${namespace} (a Role, as deploy/namespaced does), or leave it out of PODNODE_NAMESPACES (the CLI: -n).`
    : 'pods: forbidden — the credentials may not list pods cluster-wide. Set PODNODE_NAMESPACES to the namespaces they may read (deploy/namespaced), or grant get, list, watch on pods with a ClusterRole (deploy/).';
}

function forbiddenExtra(resource: string, group: string, namespace: string | null, consequence: string): string {
  const where = namespace ? `in namespace ${namespace} (a Role)` : 'with a ClusterRole';
  return `${resource}${namespace ? ` in ${namespace}` : ''}: forbidden — ${consequence}. Grant get, list, watch on ${resource}${group ? ` (API group ${group})` : ''} ${where}; deploy/ does.`;
}

function sumMetrics(all: ResourceMetrics[]): ResourceMetrics {
  const out = emptyMetrics();
  for (const m of all) for (const k of Object.keys(out) as (keyof ResourceMetrics)[]) out[k] += m[k];
  return out;
}
