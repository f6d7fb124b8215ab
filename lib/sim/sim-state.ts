// The simulated cluster's state: one global resourceVersion, a table per resource, the bounded
// history and the listeners (watches) that every committed change is fanned out to.
import type { KubeObject } from '@/lib/podnode/types';
import { type Entry, type ResourceName, ResourceTable, toEntry, withResourceVersion } from './store';
import { ResourceHistories, type HistoryEvent } from './history';

/** the annotation a stamped pod carries: when the simulator wrote it, in epoch milliseconds */
export const EMITTED_AT = 'sim.podnode.dev/emitted-at';

export class SimState {
  rv = 0;
  readonly tables: Record<ResourceName, ResourceTable> = {
    pods: new ResourceTable('pods', true),
    nodes: new ResourceTable('nodes', false),
    namespaces: new ResourceTable('namespaces', false),
    events: new ResourceTable('events', true),
    poddisruptionbudgets: new ResourceTable('poddisruptionbudgets', true),
  };
  history: ResourceHistories;
  /** stamp pods with the time they are written (see SimFaultSpec.stampPods) */
  stampPods = false;
  private readonly listeners = new Set<(ev: HistoryEvent) => void>();

  constructor(readonly historyWindow: number) {
    this.history = new ResourceHistories(historyWindow, 0);
  }

  /** Initial objects, one rv each (as if created one by one) but without history or events. */
  load(resource: ResourceName, objects: Iterable<KubeObject>): void {
    const table = this.tables[resource];
    const entries: Entry[] = [];
    for (const obj of objects) entries.push(toEntry(obj, ++this.rv));
    table.load(entries);
    this.history.clear(this.rv);
  }

  loadOne(resource: ResourceName, obj: KubeObject): void {
    const entry = toEntry(obj, ++this.rv);
    // two objects under one key would be listed twice and stored once
    if (this.tables[resource].byKey.has(entry.key)) throw new Error(`podnode-sim: ${resource} ${entry.key} loaded twice`);
    this.tables[resource].byKey.set(entry.key, entry);
    this.tables[resource].keys.push(entry.key);
    this.history.clear(this.rv);
  }

  /** Sort keys once after loadOne() calls. */
  finishLoad(): void {
    for (const t of Object.values(this.tables)) t.keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get(resource: ResourceName, key: string): Entry | undefined { return this.tables[resource].byKey.get(key); }

  parse(resource: ResourceName, key: string): KubeObject | undefined {
    const e = this.get(resource, key);
    return e ? (JSON.parse(e.json) as KubeObject) : undefined;
  }

  put(resource: ResourceName, obj: KubeObject): Entry {
    if (this.stampPods && resource === 'pods') {
      obj.metadata.annotations = { ...obj.metadata.annotations, [EMITTED_AT]: String(Date.now()) };
    }
    const entry = toEntry(obj, ++this.rv);
    const prev = this.tables[resource].put(entry);
    this.emit({ rv: entry.rv, resource, type: prev ? 'MODIFIED' : 'ADDED', entry, prev });
    return entry;
  }

  remove(resource: ResourceName, key: string): Entry | undefined {
    const prev = this.tables[resource].remove(key);
    if (!prev) return undefined;
    const entry = withResourceVersion(prev, ++this.rv);
    this.emit({ rv: entry.rv, resource, type: 'DELETED', entry, prev });
    return prev;
  }

  subscribe(fn: (ev: HistoryEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(ev: HistoryEvent): void {
    this.history.push(ev);
    for (const fn of this.listeners) fn(ev);
  }
}
