// The bounded event history behind watch resume and continue tokens. A resourceVersion older
// than the window cannot be served any more: the caller answers 410 Expired, as etcd compaction
// makes a real API server do.
import type { Entry, ResourceName } from './store';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type HistoryEvent = { rv: number; resource: ResourceName; type: WatchEventType; entry: Entry; prev: Entry | undefined };

export class History {
  private events: HistoryEvent[] = [];
  private start = 0;
  /** the oldest resourceVersion a watch or continue token may still start from */
  floor: number;

  constructor(private readonly capacity: number, initialRv: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`historyWindow must be a positive integer, got ${capacity}`);
    this.floor = initialRv;
  }

  push(event: HistoryEvent): void {
    this.events.push(event);
    if (this.events.length - this.start > this.capacity) {
      const dropped = this.events[this.start] as HistoryEvent;
      this.floor = dropped.rv;
      this.start++;
      // compact occasionally so the array does not grow without bound
      if (this.start > this.capacity) { this.events = this.events.slice(this.start); this.start = 0; }
    }
  }

  isExpired(rv: number): boolean { return rv < this.floor; }

  /** events with rv > after, oldest first */
  *since(after: number, resource: ResourceName): Generator<HistoryEvent> {
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid] as HistoryEvent).rv <= after) lo = mid + 1; else hi = mid;
    }
    for (let i = lo; i < this.events.length; i++) {
      const e = this.events[i] as HistoryEvent;
      if (e.resource === resource) yield e;
    }
  }

  /** Forget everything (a restart without resourceVersion continuity): every older rv is expired. */
  clear(newFloor: number): void { this.events = []; this.start = 0; this.floor = newFloor; }
}

/**
 * One window per resource, as a real API server keeps one watch cache per resource: a busy
 * resource (events, PDB status under churn) must not push another's resume point out of reach.
 * `historyWindow` events are kept for each.
 */
export class ResourceHistories {
  private readonly byResource = new Map<ResourceName, History>();

  constructor(private readonly capacity: number, private initialFloor: number) {
    new History(capacity, initialFloor); // validates the capacity once, up front
  }

  private of(resource: ResourceName): History {
    let h = this.byResource.get(resource);
    if (!h) this.byResource.set(resource, (h = new History(this.capacity, this.initialFloor)));
    return h;
  }

  push(event: HistoryEvent): void { this.of(event.resource).push(event); }

  isExpired(rv: number, resource: ResourceName): boolean { return this.of(resource).isExpired(rv); }

  floorOf(resource: ResourceName): number { return this.of(resource).floor; }

  since(after: number, resource: ResourceName): Generator<HistoryEvent> { return this.of(resource).since(after, resource); }

  /** Every resource's window starts here (after a bulk load, or a restart without continuity). */
  clear(newFloor: number): void {
    this.initialFloor = newFloor;
    for (const h of this.byResource.values()) h.clear(newFloor);
  }
}
