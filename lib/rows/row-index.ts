// PodNode rows kept joined as the cache changes, so a request filters ready rows instead of
// re-joining 150,000 pods. One index per cluster cache, shared like the cache itself.
import type { KubeObject, PodNodeRow } from '@/lib/podnode/types';
import type { ClusterStatus } from '@/lib/rows/wire';
import { toPodNodeRow, JoinMemo, DEFAULT_CAPACITY_TABLE, type CapacityTable } from '@/lib/podnode';
import { nodeFactsOf, placeOnNode, type NodeFacts } from '@/lib/podnode/join';
import type { ClusterCache, CacheBatch } from '@/lib/kube/cluster-cache';
import { Interner } from '@/lib/kube/intern';
import { EventIndex } from './event-index';
import { Buckets, candidateSets } from './candidates';
import { ArrivalOrder } from './arrival-order';
import type { Query } from '@/lib/query';

type RowBatch = { upserts: PodNodeRow[]; deletes: string[]; status?: ClusterStatus };
type Listener = (batch: RowBatch) => void;

export class RowIndex {
  private readonly byUid = new Map<string, PodNodeRow>();
  /** node name → uids of the pods that name it in spec.nodeName, so a node change re-joins only
   *  them; with namespace → uids, what a query that pins either needs to look at */
  private readonly buckets = { nodeName: new Buckets(), namespace: new Buckets() };
  private readonly listeners = new Set<Listener>();
  private readonly interner = new Interner();
  /** node name → its facts, for the node object they were read from (a changed node is a new
   *  object): a Map by name is cheaper than nodeFactsOf's WeakMap for each of ~30 pods a node */
  private readonly facts = new Map<string, { node: KubeObject; facts: NodeFacts }>();
  /** told after every applied batch, PodDisruptionBudgets and events included (the derived views) */
  private readonly changeListeners = new Set<() => void>();
  /** bumped on every applied batch; lets callers cache derived results */
  version = 0;
  readonly events: EventIndex;
  /** nodes whose node-view row may have changed since the node view last drained them; null until
   *  it first does (nothing is tracked for a view nobody opened) */
  private changedNodes: Set<string> | null = null;
  /** Results derived from this index (the node view's rows), kept here and not in module variables:
   *  the bundler may load a view's module more than once, and every copy must see the same memo,
   *  above all the one that pairs with drainChangedNodes. */
  readonly derived = new Map<string, unknown>();
  /** the last time (most of) the pods were joined at once — a first sync, a relist — and how long
   *  it took: what sizing a deployment needs, reported by /api/healthz */
  lastFullJoin: { pods: number; ms: number; at: string } | null = null;
  /** Rows made as their pods arrive, in that order, while the index is empty (a first sync): that
   *  join of 150,000 pods done pod by pod while each pod is still in the CPU's caches, rather than
   *  over cold memory after it (docs/performance.md). The first batch of pods takes them in the same
   *  order (ArrivalOrder) and put() adds each one's node; then all of it is dropped, rows not taken
   *  with it. Null after that: not for later relists, which list every pod and change few, nor for
   *  watch events. */
  private early: { rows: PodNodeRow[]; memo: JoinMemo; made: number; stop: () => void } | null = null;
  /** rows taken from `early`: what shows the early join at work */
  joinedOnArrival = 0;

  constructor(
    readonly cache: ClusterCache,
    private readonly table: CapacityTable = DEFAULT_CAPACITY_TABLE,
  ) {
    const nodes = cache.nodes();
    this.events = new EventIndex(cache.events());
    const t0 = performance.now();
    const memo = new JoinMemo();
    for (const pod of cache.pods()) this.put(pod, nodes, memo);
    this.noteFullJoin(this.byUid.size, t0);
    if (this.byUid.size === 0) this.early = { rows: [], memo: new JoinMemo(), made: 0, stop: cache.onPodIngested((pod) => this.joinEarly(pod)) };
    cache.subscribe((batch) => this.apply(batch));
  }

  get size(): number {
    return this.byUid.size;
  }

  rows(): IterableIterator<PodNodeRow> {
    return this.byUid.values();
  }

  get(uid: string): PodNodeRow | undefined {
    return this.byUid.get(uid);
  }

  podsOnNode(nodeName: string): PodNodeRow[] {
    const uids = this.buckets.nodeName.get(nodeName);
    if (!uids) return [];
    return [...uids].flatMap((uid) => this.byUid.get(uid) ?? []);
  }

  /** Every row the query can match (a superset: run the query's matcher on each); only the rows of
   *  the nodes or namespaces it pins when it pins any. */
  candidates(query: Query): Iterable<PodNodeRow> {
    const sets = candidateSets(query, this.buckets);
    if (!sets) return this.byUid.values();
    const rows: PodNodeRow[] = [];
    for (const uids of sets) for (const uid of uids) { const row = this.byUid.get(uid); if (row) rows.push(row); }
    return rows;
  }

  /** live subscribers (open streams): a context with none may be stopped when idle */
  get viewers(): number {
    return this.listeners.size + this.changeListeners.size;
  }

  /** The nodes touched since the last call (their pods, the node itself, its events), so the node
   *  view re-sums only those; null on the first call: everything is new. One consumer: the node view. */
  drainChangedNodes(): Set<string> | null {
    const changed = this.changedNodes;
    this.changedNodes = new Set();
    return changed;
  }

  private touchNode(name: string | null): void {
    if (name !== null) this.changedNodes?.add(name);
  }

  /** Called after any change, rows or not (a PodDisruptionBudget, an event); no details. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(batch: CacheBatch): void {
    const t0 = performance.now();
    const nodes = this.cache.nodes();
    const upserts = new Map<string, PodNodeRow>();
    const deletes = new Set<string>();
    for (const pod of batch.pods.deletes) {
      if (this.remove(pod.metadata.uid)) deletes.add(pod.metadata.uid);
      upserts.delete(pod.metadata.uid);
    }
    // Into an empty index (the first sync) every row is new: the batch's rows are the list of
    // them, without the bookkeeping below of what a batch changed (a 150,000-entry Map).
    const fresh: PodNodeRow[] | null = this.byUid.size === 0 && deletes.size === 0 ? [] : null;
    const memo = new JoinMemo(); // per batch: a first sync's replicas share answers, and nothing is kept
    // the first batch of pods into an empty index: the rows made as they arrived
    const arrived = this.early && this.byUid.size === 0 && batch.pods.upserts.length > 0 ? new ArrivalOrder(this.early.rows) : null;
    for (const pod of batch.pods.upserts) {
      const row = this.put(pod, nodes, memo, arrived?.take(pod));
      if (fresh) fresh.push(row);
      else {
        upserts.set(row.uid, row);
        deletes.delete(row.uid);
      }
    }
    const extra = batch.nodes.upserts.length + batch.nodes.deletes.length + batch.pdbs.upserts.length + batch.pdbs.deletes.length + batch.events.upserts.length + batch.events.deletes.length;
    // (a uid twice in the batch, or more than pods in it: the general way)
    const onlyNew = fresh !== null && fresh.length === this.byUid.size && extra === 0;
    if (fresh && !onlyNew) for (const row of fresh) upserts.set(row.uid, row);
    // A node that appears, changes or goes away changes every row on it (labels → capacity, group…).
    for (const node of batch.nodes.deletes) this.facts.delete(node.metadata.name);
    for (const node of [...batch.nodes.upserts, ...batch.nodes.deletes]) {
      this.touchNode(node.metadata.name);
      for (const uid of this.buckets.nodeName.get(node.metadata.name) ?? []) {
        const old = this.byUid.get(uid);
        if (!old) continue;
        const now = nodes.get(node.metadata.name);
        const row = this.interned(toPodNodeRow(old.pod, now, this.table, now && this.factsOf(now), memo));
        row.warnings = old.warnings;
        this.byUid.set(uid, row);
        upserts.set(uid, row);
      }
    }
    // A pod's warnings count is part of its row: its events re-make it. Changes that touch no row
    // (an empty node, a PodDisruptionBudget, a node's event) still change the derived views.
    if (batch.events.upserts.length + batch.events.deletes.length > 0) {
      const touched = this.events.apply(batch.events.upserts, batch.events.deletes);
      for (const name of touched.nodes) this.touchNode(name);
      for (const uid of touched.pods) {
        const old = this.byUid.get(uid);
        if (!old || deletes.has(uid)) continue;
        const warnings = this.events.warningsFor(uid);
        if (warnings === old.warnings && !upserts.has(uid)) continue;
        const row = upserts.get(uid) ?? { ...old };
        row.warnings = warnings;
        this.byUid.set(uid, row);
        upserts.set(uid, row);
      }
    }
    if (arrived) this.joinedOnArrival += arrived.taken;
    if (this.early && this.byUid.size > 0) {
      // the first sync is in: later pods are joined with their batch
      this.early.stop();
      this.early = null;
    }
    const changed = onlyNew ? fresh : [...upserts.values()];
    if (changed.length === 0 && deletes.size === 0 && !batch.status && extra === 0) return;
    this.noteFullJoin(batch.pods.upserts.length, t0);
    this.version++;
    if (changed.length > 0 || deletes.size > 0 || batch.status) {
      const out: RowBatch = { upserts: changed, deletes: [...deletes], status: batch.status };
      for (const listener of this.listeners) listener(out);
    }
    for (const listener of this.changeListeners) listener();
  }

  /** `early`: the row made from this very pod as it arrived, if any; it has the pod's uid and node
   *  name at hand, so the pod's own objects (out of the CPU's caches by now) are not read again */
  private put(pod: KubeObject, nodes: Map<string, KubeObject>, memo: JoinMemo, early?: PodNodeRow): PodNodeRow {
    const uid = early ? early.uid : pod.metadata.uid;
    const previous = this.byUid.get(uid);
    const nodeName = early ? early.nodeName : nodeNameOf(pod);
    const previousNode = previous ? previous.nodeName : null;
    this.touchNode(previousNode);
    this.touchNode(nodeName);
    const node = nodeName ? nodes.get(nodeName) : undefined;
    let row: PodNodeRow;
    if (early) row = node ? placeOnNode(early, node, this.factsOf(node)) : early;
    else row = this.interned(toPodNodeRow(pod, node, this.table, node && this.factsOf(node), memo));
    row.warnings = this.events.warningsFor(uid);
    this.byUid.set(uid, row);
    // a uid goes into a bucket once (see Buckets): when new, or when bound to another node. A pod
    // never changes namespace.
    if (!previous) {
      this.buckets.nodeName.add(nodeName, uid);
      this.buckets.namespace.add(row.namespace, uid);
    } else if (previousNode !== nodeName) {
      this.buckets.nodeName.delete(previousNode, uid);
      this.buckets.nodeName.add(nodeName, uid);
    }
    return row;
  }

  /** A pod's row without its node, made as the pod arrives (see `early`). */
  private joinEarly(pod: KubeObject): void {
    const early = this.early;
    if (!early) return;
    // the memo's answers are per pod template; a fresh one now and then keeps it small
    if (++early.made % 1000 === 0) early.memo = new JoinMemo();
    early.rows.push(this.interned(toPodNodeRow(pod, undefined, this.table, undefined, early.memo)));
  }

  private noteFullJoin(pods: number, since: number): void {
    if (pods > 0 && pods * 2 >= this.byUid.size) this.lastFullJoin = { pods, ms: Math.round(performance.now() - since), at: new Date().toISOString() };
  }

  private factsOf(node: KubeObject): NodeFacts {
    const known = this.facts.get(node.metadata.name);
    if (known?.node === node) return known.facts;
    const facts = nodeFactsOf(node, this.table);
    this.facts.set(node.metadata.name, { node, facts });
    return facts;
  }

  /** Row text derived per pod ("1/1", an owner's name cut from its ReplicaSet's) is the same for
   *  thousands of rows: one string each, not one per row. */
  private interned(row: PodNodeRow): PodNodeRow {
    const text = this.interner;
    // field by field rather than a loop over names: 150,000 rows at first sync
    row.status = text.text(row.status);
    row.ready = text.text(row.ready);
    row.appName = text.text(row.appName);
    if (row.ownerKind !== null) row.ownerKind = text.text(row.ownerKind);
    if (row.ownerName !== null) row.ownerName = text.text(row.ownerName);
    return row;
  }

  private remove(uid: string): boolean {
    const row = this.byUid.get(uid);
    if (!row) return false;
    this.buckets.nodeName.delete(nodeNameOf(row.pod), uid);
    this.buckets.namespace.delete(row.namespace, uid);
    this.touchNode(nodeNameOf(row.pod));
    this.byUid.delete(uid);
    return true;
  }
}

function nodeNameOf(pod: KubeObject): string | null {
  const name = pod.spec?.nodeName;
  return typeof name === 'string' && name !== '' ? name : null;
}
