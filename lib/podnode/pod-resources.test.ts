import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containerResources } from './container-resources';
import { podLimits, podRequests, podResources } from './pod-resources';
import { condition, container, makePod, running } from './test-fixtures';
import type { ContainerStatusShape, PodSpecShape, PodStatusShape } from './pod-shape';

const Mi = 1024 ** 2;
const Gi = 1024 ** 3;
const req = (cpu?: string, memory?: string) => ({ requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } });
const lim = (cpu?: string, memory?: string) => ({ limits: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } });
const both = (r: [string?, string?], l: [string?, string?]) => ({ ...req(...r), ...lim(...l) });
const pod = (spec: PodSpecShape, status?: PodStatusShape) => makePod({ spec, ...(status ? { status } : {}) });

describe('podRequests / podLimits (component-helpers PodRequests / PodLimits)', () => {
  it.each<[string, PodSpecShape, [number, number], [number, number]]>([
    ['no resources at all', { containers: [container('a')] }, [0, 0], [0, 0]],
    ['one container', { containers: [container('a', both(['100m', '128Mi'], ['200m', '256Mi']))] }, [100, 128 * Mi], [200, 256 * Mi]],
    ['app containers add up', { containers: [container('a', req('100m', '128Mi')), container('b', req('250m', '64Mi'))] }, [350, 192 * Mi], [0, 0]],
    ['a big init container dominates', { containers: [container('a', req('100m', '1Gi'))], initContainers: [container('i', req('1', '64Mi'))] }, [1000, Gi], [0, 0]],
    [
      // KEP-753: max(Σapp + Σsidecars = 180, init1 = 100, init2 + sidecar1 = 250) = 250
      'sidecars count before later init containers',
      {
        containers: [container('app', req('100m', '100Mi'))],
        initContainers: [
          container('init1', req('100m', '10Mi')),
          container('side1', req('50m', '50Mi'), 'Always'),
          container('init2', req('200m', '300Mi')),
          container('side2', req('30m', '30Mi'), 'Always'),
        ],
      },
      [250, 350 * Mi],
      [0, 0],
    ],
    ['sidecar limits add up with app limits', { containers: [container('app', lim('1', '1Gi'))], initContainers: [container('proxy', lim('500m', '256Mi'), 'Always')] }, [0, 0], [1500, Gi + 256 * Mi]],
    [
      'overhead on requests always, on limits only where a limit is set',
      { containers: [container('a', both(['100m', '128Mi'], ['200m', undefined]))], overhead: { cpu: '250m', memory: '120Mi' } },
      [350, 248 * Mi],
      [450, 0],
    ],
    [
      'pod-level resources win for what they name, overhead still added',
      { containers: [container('a', both(['100m', '128Mi'], ['1', '1Gi']))], resources: { requests: { cpu: '2' }, limits: { memory: '4Gi' } }, overhead: { cpu: '100m' } },
      [2100, 128 * Mi],
      [1100, 4 * Gi],
    ],
    // The sum is rounded up once, like MilliValue() of the summed Quantity.
    ['sub-millicore requests sum before rounding', { containers: [container('a', req('100u')), container('b', req('100u'))] }, [1, 0], [0, 0]],
    ['exact decimal sums (0.1 + 0.2)', { containers: [container('a', req('0.1')), container('b', req('0.2'))] }, [300, 0], [0, 0]],
    ['memory in decimal and binary units', { containers: [container('a', req(undefined, '129M')), container('b', req(undefined, '1e3'))] }, [0, 129_001_000], [0, 0]],
    ['numbers where strings belong are tolerated', { containers: [container('a', { requests: { cpu: 2 } })] }, [2000, 0], [0, 0]],
    ['an invalid quantity counts as unset', { containers: [container('a', req('lots', '1Gi'))] }, [0, Gi], [0, 0]],
  ])('%s', (_name, spec, [rc, rm], [lc, lm]) => {
    expect(podRequests(pod(spec))).toEqual({ cpu: rc, memory: rm });
    expect(podLimits(pod(spec))).toEqual({ cpu: lc, memory: lm });
    expect(podResources(pod(spec))).toEqual({ cpuRequest: rc, memoryRequest: rm, cpuLimit: lc, memoryLimit: lm });
  });
});

describe('in-place resize: max of spec and status', () => {
  const spec: PodSpecShape = { containers: [container('app', both(['500m', '256Mi'], ['1', '512Mi']))] };
  const reported = (r: [string, string], l: [string, string], allocated?: [string, string]): ContainerStatusShape => ({
    ...running('app'),
    resources: both(r, l),
    ...(allocated ? { allocatedResources: { cpu: allocated[0], memory: allocated[1] } } : {}),
  });

  it('shrinking: the larger actuated values still count', () => {
    const p = pod(spec, { containerStatuses: [reported(['1', '1Gi'], ['2', '2Gi'], ['500m', '256Mi'])] });
    expect(podRequests(p)).toEqual({ cpu: 1000, memory: Gi });
    expect(podLimits(p)).toEqual({ cpu: 2000, memory: 2 * Gi });
  });

  it('growing: the larger spec counts before the kubelet actuates it', () => {
    const p = pod(spec, { containerStatuses: [reported(['100m', '64Mi'], ['200m', '128Mi'], ['100m', '64Mi'])] });
    expect(podRequests(p)).toEqual({ cpu: 500, memory: 256 * Mi });
    expect(podLimits(p)).toEqual({ cpu: 1000, memory: 512 * Mi });
  });

  it('allocated alone (not yet actuated) counts too', () => {
    const p = pod(spec, { containerStatuses: [{ ...running('app'), allocatedResources: { cpu: '3', memory: '256Mi' } }] });
    expect(podRequests(p)).toEqual({ cpu: 3000, memory: 256 * Mi });
  });

  it('an Infeasible resize ignores spec', () => {
    const p = pod(
      { containers: [container('app', both(['4', '8Gi'], ['8', '16Gi']))] },
      { conditions: [condition('PodResizePending', 'True', 'Infeasible')], containerStatuses: [reported(['500m', '256Mi'], ['1', '512Mi'], ['500m', '256Mi'])] },
    );
    expect(podRequests(p)).toEqual({ cpu: 500, memory: 256 * Mi });
    expect(podLimits(p)).toEqual({ cpu: 1000, memory: 512 * Mi });
  });

  it('a Deferred resize keeps the max with spec', () => {
    const p = pod(
      { containers: [container('app', req('4', '8Gi'))] },
      { conditions: [condition('PodResizePending', 'True', 'Deferred')], containerStatuses: [reported(['500m', '256Mi'], ['1', '512Mi'], ['500m', '256Mi'])] },
    );
    expect(podRequests(p)).toEqual({ cpu: 4000, memory: 8 * Gi });
  });
});

describe('properties', () => {
  const millis = fc.integer({ min: 0, max: 64_000 });
  const containerArb = fc.record({ cpu: millis, mem: fc.integer({ min: 0, max: 64 * 1024 }), sidecar: fc.boolean() });

  it('requests ≥ every app and init container request, and = Σ app when there are no init containers', () => {
    fc.assert(
      fc.property(fc.array(containerArb, { minLength: 1, maxLength: 5 }), fc.array(containerArb, { maxLength: 4 }), (apps, inits) => {
        const spec: PodSpecShape = {
          containers: apps.map((c, i) => container(`a${i}`, req(`${c.cpu}m`, `${c.mem}Mi`))),
          initContainers: inits.map((c, i) => container(`i${i}`, req(`${c.cpu}m`, `${c.mem}Mi`), c.sidecar ? 'Always' : undefined)),
        };
        const r = podRequests(pod(spec));
        for (const c of [...apps, ...inits]) {
          if (r.cpu < c.cpu || r.memory < c.mem * Mi) return false;
        }
        if (inits.length === 0) {
          return r.cpu === apps.reduce((s, c) => s + c.cpu, 0) && r.memory === apps.reduce((s, c) => s + c.mem * Mi, 0);
        }
        return true;
      }),
    );
  });
});

describe('containerResources', () => {
  it('lists init, sidecar and app containers with unset values as null and reported values', () => {
    const p = pod(
      { containers: [container('app', both(['250m', '1Gi'], [undefined, '1Gi']))], initContainers: [container('migrate'), container('proxy', req('50m'), 'Always')] },
      { containerStatuses: [{ ...running('app'), resources: both(['500m', '1Gi'], [undefined, '1Gi']) }] },
    );
    expect(containerResources(p)).toEqual([
      { name: 'migrate', kind: 'init', requests: { cpu: null, memory: null }, limits: { cpu: null, memory: null }, actual: null },
      { name: 'proxy', kind: 'sidecar', requests: { cpu: 50, memory: null }, limits: { cpu: null, memory: null }, actual: null },
      {
        name: 'app',
        kind: 'app',
        requests: { cpu: 250, memory: Gi },
        limits: { cpu: null, memory: Gi },
        actual: { requests: { cpu: 500, memory: Gi }, limits: { cpu: null, memory: Gi } },
      },
    ]);
  });
});
