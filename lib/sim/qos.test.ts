// The QoS class the simulator writes must be the one a real API server computes on create (a real
// kube-apiserver refused the simulator's pods when it was not: status.qosClass is immutable).
import { describe, expect, it } from 'vitest';
import { qosClassOf } from './make-pod-status';

const c = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ name: 'c', image: 'i', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });

describe('qosClassOf', () => {
  it.each([
    [{ containers: [c()] }, 'BestEffort'],
    [{ containers: [c({ cpu: '100m' })] }, 'Burstable'],
    [{ containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }, 'Guaranteed'],
    [{ containers: [c(undefined, { cpu: '1', memory: '1Gi' })] }, 'Guaranteed'], // requests default to limits
    [{ containers: [c({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }, 'Burstable'],
    [{ containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], initContainers: [c({ cpu: '10m' })] }, 'Burstable'],
    [{ containers: [c({ cpu: '1' }, { cpu: '1' })] }, 'Burstable'], // memory unlimited
  ])('%j → %s', (spec, qos) => expect(qosClassOf(spec)).toBe(qos));
});
