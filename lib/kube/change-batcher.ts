// Coalesces change events into batches so a rollout of 300 pods reaches each subscriber as a
// handful of batches, not 900 callbacks. Within a window the last write per key wins, so an
// upsert followed by a delete is delivered as just the delete (and the reverse as the upsert).
import type { ClusterStatus } from './types';
import type { KubeObject } from '@/lib/podnode/types';
import type { ResourceName } from './resource-sync';

type ChangeSet = { upserts: KubeObject[]; deletes: KubeObject[] };
export type ChangeBatch = { pods: ChangeSet; nodes: ChangeSet; pdbs: ChangeSet; events: ChangeSet; status?: ClusterStatus };

const emptyPending = (): Record<ResourceName, Map<string, Op>> => ({ pods: new Map(), nodes: new Map(), pdbs: new Map(), events: new Map() });

type Op = { del: boolean; obj: KubeObject };

export class ChangeBatcher {
  private pending = emptyPending();
  private status: ClusterStatus | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly windowMs: number,
    private readonly deliver: (batch: ChangeBatch) => void,
  ) {}

  /** key: pod uid, node name (node names are what pods point at, and are unique) */
  add(resource: ResourceName, key: string, obj: KubeObject, del: boolean): void {
    const map = this.pending[resource];
    map.delete(key); // re-insert so the batch keeps the order of the last writes
    map.set(key, { del, obj });
    this.schedule(this.windowMs);
  }

  /** Status changes go out promptly, carrying whatever changes are pending with them. */
  setStatus(status: ClusterStatus): void {
    this.status = status;
    this.schedule(0);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { pods, nodes, pdbs, events } = this.pending;
    if (pods.size === 0 && nodes.size === 0 && pdbs.size === 0 && events.size === 0 && !this.status) return;
    const batch: ChangeBatch = { pods: toChangeSet(pods), nodes: toChangeSet(nodes), pdbs: toChangeSet(pdbs), events: toChangeSet(events) };
    if (this.status) batch.status = this.status;
    this.pending = emptyPending();
    this.status = undefined;
    this.deliver(batch);
  }

  /** drop everything pending (no subscribers left, or stopped) */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = emptyPending();
    this.status = undefined;
  }

  private schedule(ms: number): void {
    if (this.timer && ms > 0) return; // a flush is already due no later than a new window
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), ms);
    this.timer.unref?.();
  }
}

function toChangeSet(ops: Map<string, Op>): ChangeSet {
  const set: ChangeSet = { upserts: [], deletes: [] };
  for (const op of ops.values()) (op.del ? set.deletes : set.upserts).push(op.obj);
  return set;
}
