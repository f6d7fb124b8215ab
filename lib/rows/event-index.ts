// The held events, indexed the two ways the views ask: by pod (the drawer and the warnings
// column) and by node (interruption badges and the banner). Kept current from the cache's batches.
import type { KubeObject } from '@/lib/podnode/types';
import { eventKindOf, KIND_RANK, toClusterEvent, type ClusterEvent, type EventKind } from '@/lib/podnode/cluster-events';

export type NodeNotice = { kind: EventKind; reason: string; component: string; at: string; message: string };

export class EventIndex {
  private readonly byUid = new Map<string, ClusterEvent>();
  /** pod uid → uids of its events */
  private readonly byPod = new Map<string, Set<string>>();
  /** node name → uids of its events */
  private readonly byNode = new Map<string, Set<string>>();

  constructor(events: Iterable<KubeObject>) {
    for (const ev of events) this.put(toClusterEvent(ev));
  }

  get size(): number {
    return this.byUid.size;
  }

  /** Applies a batch; returns the pods and nodes whose events changed. */
  apply(upserts: readonly KubeObject[], deletes: readonly KubeObject[]): { pods: Set<string>; nodes: Set<string> } {
    const touched = { pods: new Set<string>(), nodes: new Set<string>() };
    const mark = (ev: ClusterEvent | undefined) => {
      if (!ev) return;
      if (ev.object.kind === 'Pod' && ev.object.uid) touched.pods.add(ev.object.uid);
      if (ev.object.kind === 'Node') touched.nodes.add(ev.object.name);
    };
    for (const obj of deletes) {
      mark(this.byUid.get(obj.metadata.uid));
      this.remove(obj.metadata.uid);
    }
    for (const obj of upserts) {
      const ev = toClusterEvent(obj);
      mark(this.byUid.get(ev.uid));
      this.remove(ev.uid);
      this.put(ev);
      mark(ev);
    }
    return touched;
  }

  /** a pod's events, newest first */
  forPod(uid: string): ClusterEvent[] {
    return this.collect(this.byPod.get(uid));
  }

  forNode(name: string): ClusterEvent[] {
    return this.collect(this.byNode.get(name));
  }

  warningsFor(podUid: string): number {
    const ids = this.byPod.get(podUid);
    if (!ids) return 0; // most pods: asked for each at a first sync
    let n = 0;
    for (const id of ids) if (this.byUid.get(id)?.type === 'Warning') n++;
    return n;
  }

  /** The node's weightiest spot event (an interruption notice over a rebalance hint), the newest of that kind. */
  noticeFor(nodeName: string): NodeNotice | null {
    let best: { ev: ClusterEvent; kind: EventKind } | null = null;
    for (const id of this.byNode.get(nodeName) ?? []) {
      const ev = this.byUid.get(id);
      const kind = ev && eventKindOf(ev.reason);
      if (!ev || !kind) continue;
      if (!best || KIND_RANK[kind] > KIND_RANK[best.kind] || (kind === best.kind && ev.lastAt > best.ev.lastAt)) best = { ev, kind };
    }
    return best && { kind: best.kind, reason: best.ev.reason, component: best.ev.component, at: best.ev.lastAt, message: best.ev.message };
  }

  private collect(ids: Set<string> | undefined): ClusterEvent[] {
    const out: ClusterEvent[] = [];
    for (const id of ids ?? []) {
      const ev = this.byUid.get(id);
      if (ev) out.push(ev);
    }
    return out.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
  }

  private put(ev: ClusterEvent): void {
    this.byUid.set(ev.uid, ev);
    const key = this.keyOf(ev);
    if (!key) return;
    let set = key.map.get(key.id);
    if (!set) key.map.set(key.id, (set = new Set()));
    set.add(ev.uid);
  }

  private remove(uid: string): void {
    const ev = this.byUid.get(uid);
    if (!ev) return;
    this.byUid.delete(uid);
    const key = this.keyOf(ev);
    const set = key?.map.get(key.id);
    set?.delete(uid);
    if (key && set?.size === 0) key.map.delete(key.id);
  }

  private keyOf(ev: ClusterEvent): { map: Map<string, Set<string>>; id: string } | null {
    if (ev.object.kind === 'Pod' && ev.object.uid) return { map: this.byPod, id: ev.object.uid };
    if (ev.object.kind === 'Node' && ev.object.name) return { map: this.byNode, id: ev.object.name };
    return null;
  }
}
