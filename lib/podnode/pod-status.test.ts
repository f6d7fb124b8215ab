import { describe, expect, it } from 'vitest';
import { kubectlColumnsOf, podStatusOf, readyOf, restartsOf } from './pod-status';
import { condition, container, makePod, running, terminated, waiting } from './test-fixtures';
import type { KubeObject } from './types';

const two = { containers: [container('a'), container('b')] };
const initTwo = { containers: [container('app')], initContainers: [container('init-a'), container('init-b')] };
const withSidecar = { containers: [container('app')], initContainers: [container('proxy', undefined, 'Always')] };

// Each expectation is what printPod (kubectl 1.32) yields for the same object.
const cases: Array<[string, KubeObject, string, string, number]> = [
  ['running and ready', makePod({ spec: two, status: { containerStatuses: [running('a'), running('b', true, 3)] } }), 'Running', '2/2', 3],
  ['pending, nothing reported yet', makePod({ status: { phase: 'Pending' } }), 'Pending', '0/1', 0],
  ['container creating', makePod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ContainerCreating')] } }), 'ContainerCreating', '0/1', 0],
  ['crash loop', makePod({ status: { containerStatuses: [waiting('app', 'CrashLoopBackOff', 7)] } }), 'CrashLoopBackOff', '0/1', 7],
  ['image pull', makePod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ImagePullBackOff')] } }), 'ImagePullBackOff', '0/1', 0],
  ['waiting without a reason keeps the phase', makePod({ status: { containerStatuses: [{ name: 'app', state: { waiting: {} } }] } }), 'Running', '0/1', 0],
  ['completed', makePod({ status: { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] } }), 'Completed', '0/1', 0],
  ['error', makePod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 1, 'Error')] } }), 'Error', '0/1', 0],
  ['exit code without reason', makePod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 137)] } }), 'ExitCode:137', '0/1', 0],
  ['signal without reason', makePod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 0, undefined, 9)] } }), 'Signal:9', '0/1', 0],
  ['evicted', makePod({ status: { phase: 'Failed', reason: 'Evicted' } }), 'Evicted', '0/1', 0],
  ['other pod-level reason', makePod({ status: { phase: 'Failed', reason: 'UnexpectedAdmissionError' } }), 'UnexpectedAdmissionError', '0/1', 0],
  ['first container reason wins', makePod({ spec: two, status: { containerStatuses: [waiting('a', 'CrashLoopBackOff'), terminated('b', 1, 'OOMKilled')] } }), 'CrashLoopBackOff', '0/2', 0],
  ['scheduling gated', makePod({ status: { phase: 'Pending', conditions: [condition('PodScheduled', 'False', 'SchedulingGated')] } }), 'SchedulingGated', '0/1', 0],
  ['terminating', makePod({ deletionTimestamp: '2026-11-25T11:00:00Z', status: { containerStatuses: [running('app')] } }), 'Terminating', '1/1', 0],
  ['deleted but already succeeded', makePod({ deletionTimestamp: '2026-11-25T11:00:00Z', status: { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] } }), 'Completed', '0/1', 0],
  ['node lost', makePod({ deletionTimestamp: '2026-11-25T11:00:00Z', status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] } }), 'Unknown', '1/1', 0],
  ['NotReady: one done, one running, pod not Ready', makePod({ spec: two, status: { containerStatuses: [terminated('a', 0, 'Completed'), running('b')] } }), 'NotReady', '1/2', 0],
  ['Running: one done, one running, pod Ready', makePod({ spec: two, status: { conditions: [condition('Ready', 'True')], containerStatuses: [terminated('a', 0, 'Completed'), running('b')] } }), 'Running', '1/2', 0],
  ['running but not ready', makePod({ status: { containerStatuses: [running('app', false)] } }), 'Running', '0/1', 0],
  // init containers
  ['Init:0/2', makePod({ spec: initTwo, status: { phase: 'Pending', initContainerStatuses: [running('init-a', false), waiting('init-b', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')] } }), 'Init:0/2', '0/1', 0],
  ['Init:1/2', makePod({ spec: initTwo, status: { phase: 'Pending', initContainerStatuses: [terminated('init-a', 0, 'Completed'), running('init-b', false)] } }), 'Init:1/2', '0/1', 0],
  ['Init:CrashLoopBackOff counts init restarts', makePod({ spec: initTwo, status: { phase: 'Pending', initContainerStatuses: [waiting('init-a', 'CrashLoopBackOff', 4)], containerStatuses: [waiting('app', 'PodInitializing')] } }), 'Init:CrashLoopBackOff', '0/1', 4],
  ['Init:Error', makePod({ spec: initTwo, status: { phase: 'Pending', initContainerStatuses: [terminated('init-a', 1, 'Error')] } }), 'Init:Error', '0/1', 0],
  ['Init:ExitCode', makePod({ spec: initTwo, status: { phase: 'Failed', initContainerStatuses: [terminated('init-a', 2)] } }), 'Init:ExitCode:2', '0/1', 0],
  ['Init:Signal', makePod({ spec: initTwo, status: { phase: 'Failed', initContainerStatuses: [terminated('init-a', 1, undefined, 9)] } }), 'Init:Signal:9', '0/1', 0],
  ['init done, app running', makePod({ spec: initTwo, status: { initContainerStatuses: [terminated('init-a', 0, 'Completed'), terminated('init-b', 0, 'Completed')], containerStatuses: [running('app', true, 1)] } }), 'Running', '1/1', 1],
  // sidecars (restartable init containers) count in READY and RESTARTS
  ['sidecar started and ready', makePod({ spec: withSidecar, status: { initContainerStatuses: [running('proxy', true, 2)], containerStatuses: [running('app', true, 1)] } }), 'Running', '2/2', 3],
  ['sidecar not started yet', makePod({ spec: withSidecar, status: { phase: 'Pending', initContainerStatuses: [{ ...running('proxy', false), started: false }], containerStatuses: [waiting('app', 'PodInitializing')] } }), 'Init:0/1', '0/2', 0],
  [
    'sidecar crashing after init: Initialized=True lets app containers count',
    makePod({ spec: withSidecar, status: { conditions: [condition('Initialized', 'True')], initContainerStatuses: [waiting('proxy', 'CrashLoopBackOff', 5)], containerStatuses: [running('app', true, 1)] } }),
    'Init:CrashLoopBackOff',
    '1/2',
    6,
  ],
];

describe('kubectlColumnsOf', () => {
  it.each(cases)('%s → %s %s restarts=%d', (_name, pod, status, ready, restarts) => {
    expect(kubectlColumnsOf(pod)).toEqual({ status, ready, restarts });
    expect(podStatusOf(pod)).toBe(status);
    expect(readyOf(pod)).toBe(ready);
    expect(restartsOf(pod)).toBe(restarts);
  });

  it('survives a pod without spec or status', () => {
    const bare: KubeObject = { metadata: { name: 'x', uid: 'u' } };
    expect(kubectlColumnsOf(bare)).toEqual({ status: '', ready: '0/0', restarts: 0 });
  });
});
