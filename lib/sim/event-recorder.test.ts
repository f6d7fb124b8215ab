// The event recorder: names and namespaces as client-go makes them, repeats counted up instead of
// duplicated, and the cap expiring the least recently written event with a DELETED.
import { describe, expect, it } from 'vitest';
import { SimState } from './sim-state';
import { createRng } from './prng';
import { EventRecorder, type EventSpec } from './event-recorder';
import type { HistoryEvent } from './history';
import { backOff } from './pod-events';
import { nodeRef } from './spot-events';

const T0 = Date.parse('2026-12-02T20:00:00Z');
const pod = { namespace: 'shop', name: 'api-7d9f-abcde', uid: 'uid-1', resourceVersion: '42' };
const setup = (cap = 100) => {
  const state = new SimState(1000);
  const seen: HistoryEvent[] = [];
  state.subscribe((ev) => seen.push(ev));
  return { state, seen, rec: new EventRecorder(state, createRng(7), cap) };
};
const nodeEvent = (reason: string): EventSpec => ({ involved: nodeRef({ name: 'ip-10-0-0-1.ec2.internal', uid: 'n-1' }), reason, message: reason,
  type: 'Normal', source: { component: 'karpenter' } });

describe('EventRecorder', () => {
  it('names events <object>.<16 hex digits of UnixNano>, in the object\'s namespace or default', () => {
    const { rec } = setup();
    const ev = rec.record(backOff(pod, 'api', 'ip-10-0-0-1.ec2.internal'), T0);
    expect(ev.metadata.name).toMatch(/^api-7d9f-abcde\.[0-9a-f]{16}$/);
    expect(BigInt(`0x${ev.metadata.name.split('.')[1]}`) / 1_000_000n).toBe(BigInt(T0));
    expect(ev).toMatchObject({
      apiVersion: 'v1', kind: 'Event', metadata: { namespace: 'shop', creationTimestamp: '2026-12-02T20:00:00Z' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: pod.name, uid: 'uid-1', apiVersion: 'v1', resourceVersion: '42', fieldPath: 'spec.containers{api}' },
      reason: 'BackOff', type: 'Warning', count: 1, source: { component: 'kubelet', host: 'ip-10-0-0-1.ec2.internal' },
      firstTimestamp: '2026-12-02T20:00:00Z', lastTimestamp: '2026-12-02T20:00:00Z', eventTime: null,
      reportingComponent: 'kubelet', reportingInstance: 'ip-10-0-0-1.ec2.internal',
    });
    expect(rec.record(nodeEvent('SpotInterrupted'), T0).metadata.namespace).toBe('default');
  });

  it('counts a repeat of an identical event up (MODIFIED) instead of adding one', () => {
    const { rec, state, seen } = setup();
    const first = rec.record(backOff(pod, 'api', 'node-a'), T0);
    const again = rec.record(backOff(pod, 'api', 'node-a'), T0 + 30_000);
    expect(again.metadata.name).toBe(first.metadata.name);
    expect(again).toMatchObject({ count: 2, firstTimestamp: '2026-12-02T20:00:00Z', lastTimestamp: '2026-12-02T20:00:30Z' });
    expect(state.tables.events.size).toBe(1);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    // another container, another event
    rec.record(backOff(pod, 'sidecar', 'node-a'), T0);
    expect(state.tables.events.size).toBe(2);
  });

  it('keeps at most `cap` events, expiring the least recently written with a DELETED', () => {
    const { rec, state, seen } = setup(3);
    const a = rec.record(nodeEvent('A'), T0);
    rec.record(nodeEvent('B'), T0 + 1);
    rec.record(nodeEvent('C'), T0 + 2);
    rec.record(nodeEvent('A'), T0 + 3); // written again: now the newest
    rec.record(nodeEvent('D'), T0 + 4);
    const reasons = () => [...state.tables.events.byKey.values()].map((e) => e.fields.reason).sort();
    expect(reasons()).toEqual(['A', 'C', 'D']);
    rec.record(nodeEvent('E'), T0 + 5);
    expect(reasons()).toEqual(['A', 'D', 'E']);
    expect(seen.filter((e) => e.type === 'DELETED').map((e) => e.entry.fields.reason)).toEqual(['B', 'C']);
    expect(state.get('events', `default/${a.metadata.name}`)).toBeDefined();
  });

  it('plants an event as given, and it ages out like the rest', () => {
    const { rec, state } = setup(1);
    const planted = rec.plant({ ...rec.build(nodeEvent('Planted'), T0), message: '<img src=x onerror=alert(1)>' });
    expect(state.parse('events', `default/${planted.metadata.name}`)?.message).toBe('<img src=x onerror=alert(1)>');
    rec.record(nodeEvent('Next'), T0 + 1);
    expect(state.get('events', `default/${planted.metadata.name}`)).toBeUndefined();
  });
});
