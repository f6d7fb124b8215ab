// core/v1 Events as client-go's recorder writes them: named `<object>.<hex of UnixNano>`, in the
// involved object's namespace (`default` for cluster-scoped objects), a repeat of an identical
// event bumping count and lastTimestamp instead of adding one (the EventCorrelator), and the set
// bounded like the API server's event TTL: past the cap the least recently written goes, as a
// DELETED watch event.
import type { KubeObject } from '@/lib/podnode/types';
import type { SimState } from './sim-state';
import { type Rng, uid } from './prng';

export type InvolvedObject = {
  kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string;
  resourceVersion?: string; fieldPath?: string;
};

export type EventSpec = {
  involved: InvolvedObject;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string; host?: string };
  /** defaults: the involved object's namespace, else `default` */
  namespace?: string;
  annotations?: Record<string, string>;
  /** for events that repeated before the simulator started: first seen then, and this many times */
  firstSeen?: number;
  count?: number;
};

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function dedupeKey(s: EventSpec, namespace: string): string {
  const o = s.involved;
  return [s.source.component, s.source.host ?? '', o.kind, namespace, o.name, o.uid ?? '', o.apiVersion ?? '', o.fieldPath ?? '', s.type, s.reason, s.message].join('\0');
}

export class EventRecorder {
  /** store key → dedupe key (null for planted events), least recently written first */
  private readonly order = new Map<string, string | null>();
  private readonly byDedupe = new Map<string, string>();

  constructor(private readonly state: SimState, private readonly rng: Rng, readonly cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`eventCap must be a positive integer, got ${cap}`);
  }

  /** client-go names events `%v.%x` of the object name and time.Now().UnixNano() */
  private eventName(involvedName: string, namespace: string, ms: number): string {
    let nanos = BigInt(ms) * 1_000_000n + BigInt(this.rng.int(1_000_000));
    while (this.state.get('events', `${namespace}/${involvedName}.${nanos.toString(16)}`)) nanos++;
    return `${involvedName}.${nanos.toString(16)}`;
  }

  build(s: EventSpec, now: number): KubeObject {
    const namespace = s.namespace ?? (s.involved.namespace || 'default');
    const first = iso(s.firstSeen ?? now);
    return {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: this.eventName(s.involved.name, namespace, s.firstSeen ?? now), namespace, uid: uid(this.rng), creationTimestamp: first,
        ...(s.annotations ? { annotations: s.annotations } : {}) },
      involvedObject: s.involved,
      reason: s.reason, message: s.message, source: s.source,
      firstTimestamp: first, lastTimestamp: iso(now), count: s.count ?? 1, type: s.type, eventTime: null,
      // what the legacy recorder fills in from its source since client-go 1.19
      reportingComponent: s.source.component, reportingInstance: s.source.host ?? '',
    };
  }

  /** Startup: the events a cluster already had, loaded without watch events. */
  load(s: EventSpec, now: number): void {
    if (this.order.size >= this.cap) return;
    const obj = this.build(s, now);
    this.state.loadOne('events', obj);
    this.remember(`${obj.metadata.namespace}/${obj.metadata.name}`, dedupeKey(s, obj.metadata.namespace as string));
  }

  /** A new event, or the repeat of an identical one (count + 1, lastTimestamp now: MODIFIED). */
  record(s: EventSpec, now = Date.now()): KubeObject {
    const namespace = s.namespace ?? (s.involved.namespace || 'default');
    const dk = dedupeKey(s, namespace);
    const existing = this.byDedupe.get(dk);
    const prev = existing ? this.state.parse('events', existing) : undefined;
    if (existing && prev) {
      prev.count = (typeof prev.count === 'number' ? prev.count : 1) + 1;
      prev.lastTimestamp = iso(now);
      this.state.put('events', prev);
      this.remember(existing, dk);
      return prev;
    }
    const obj = this.build(s, now);
    return this.write(obj, dk);
  }

  /** An event object as given (tests plant hostile ones); it ages out like the rest. */
  plant(obj: KubeObject): KubeObject { return this.write(obj, null); }

  private write(obj: KubeObject, dk: string | null): KubeObject {
    this.state.put('events', obj);
    this.remember(`${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, dk);
    while (this.order.size > this.cap) this.expireOldest();
    return obj;
  }

  private remember(key: string, dk: string | null): void {
    const old = this.order.get(key);
    if (old) this.byDedupe.delete(old);
    this.order.delete(key);
    this.order.set(key, dk);
    if (dk) this.byDedupe.set(dk, key);
  }

  private expireOldest(): void {
    const first = this.order.entries().next();
    if (first.done) return;
    const [key, dk] = first.value;
    this.order.delete(key);
    if (dk && this.byDedupe.get(dk) === key) this.byDedupe.delete(dk);
    this.state.remove('events', key);
  }
}
