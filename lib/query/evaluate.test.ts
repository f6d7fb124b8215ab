import { describe, expect, it } from 'vitest';
import { compileQuery, filterRows, sortRows, DEFAULT_COLUMNS } from './evaluate';
import { parseFlags } from './flags';
import { parseKkCommand } from './kk-command';
import { valueToText } from './path';
import { QueryError } from './errors';
import { makeRow } from './test-rows';
import type { PodNodeRow } from '@/lib/podnode/types';

const names = (rows: PodNodeRow[]) => rows.map((r) => r.podName);
const flags = (...argv: string[]) => parseFlags(argv).query;

describe('the seed command on hand-made rows', () => {
  const rows = [
    makeRow({ podName: 'cart-1', namespace: 'commerce' }),
    makeRow({ podName: 'fluentbit-x', namespace: 'commerce', ownerKind: 'DaemonSet' }),
    makeRow({ podName: 'cdn-1', namespace: 'content', phase: 'Pending', nodeLabels: null }),
    makeRow({ podName: 'coredns', namespace: 'kube-system' }),
    makeRow({ podName: 'bare', namespace: 'streamtech', ownerKind: null }),
  ];
  const query = parseKkCommand(
    "kk get podnode -f 'metadata.namespace=streamtech/content/commerce' -e 'metadata.owner_references[0].kind=DaemonSet' " +
      "-o 'pod_name:62,pod.status.phase,node.metadata.labels.lifecycle,namespace,,pod.spec.containers[0].resources.requests:35'",
  );

  it('keeps the three namespaces and drops the DaemonSet pod (a pod without owners is kept)', () => {
    expect(names(filterRows(rows, query))).toEqual(['cart-1', 'cdn-1', 'bare']);
  });

  it('projects the -o columns', () => {
    const { columns } = compileQuery(query);
    expect(columns.map((c) => [c.path, c.width])).toEqual([
      ['pod_name', 62],
      ['pod.status.phase', 16],
      ['node.metadata.labels.lifecycle', 16],
      ['namespace', 16],
      ['pod.spec.containers[0].resources.requests', 35],
    ]);
    const cdn = rows[2]!;
    expect(columns.map((c) => valueToText(c.get(cdn)))).toEqual(['cdn-1', 'Pending', 'NA', 'content', '{"cpu":"100m","memory":"64Mi"}']);
  });
});

describe('filter semantics', () => {
  const rows = [
    makeRow({ podName: 'web-1', namespace: 'a', labels: { app: 'web', tier: 'front' }, nodeLabels: { pool: 'spot' } }),
    makeRow({ podName: 'api-1', namespace: 'b', labels: { app: 'api' }, nodeLabels: { pool: 'od' }, phase: 'CrashLoopBackOff' }),
    makeRow({ podName: 'pending', namespace: 'a', labels: { app: 'web' }, nodeLabels: null, phase: 'Pending' }),
    makeRow({
      podName: 'multi',
      namespace: 'c',
      labels: {},
      containers: [
        { name: 'a', image: 'docker.io/nginx' },
        { name: 'b', image: 'envoy' },
      ],
    }),
  ];
  it.each([
    [['-l', 'app=web'], ['web-1', 'pending']],
    [['-l', 'app!=web'], ['api-1', 'multi']],
    [['-l', 'tier'], ['web-1']],
    [['-n', 'a'], ['web-1', 'pending']],
    [['-n', 'a,b'], ['web-1', 'api-1', 'pending']],
    [['--node-selector', 'pool=spot'], ['web-1']],
    // a pod without a node never matches a node selector, not even a negative one
    [['--node-selector', 'pool!=spot'], ['api-1', 'multi']],
    [['-f', 'pod_state=Running/Pending'], ['web-1', 'pending', 'multi']],
    [['-f', 'status!=Running'], ['api-1', 'pending']],
    [['-f', 'status~=CRASH'], ['api-1']],
    [['-f', 'status~=ing'], ['web-1', 'pending', 'multi']],
    [['-f', 'node_name=NA'], ['pending']],
    [['-f', 'namespace=a', '-f', 'status=Running'], ['web-1']],
    [['-e', 'namespace=a', '-e', 'namespace=b'], ['multi']],
    [['-f', 'pod.spec.containers[*].image=envoy'], ['multi']],
    [['-f', 'pod.spec.containers[*].image=docker.io\\/nginx,envoy'], ['multi']],
    [['-f', 'pod.spec.containers[*].image!=envoy'], ['web-1', 'api-1', 'pending']],
    [['-f', 'metadata.labels.app='], []],
    [['-f', 'metadata.labels.app=NA'], ['multi']],
    [['-f', 'metadata.labels["app"]=api'], ['api-1']],
  ])('%j → %j', (argv, expected) => {
    expect(names(filterRows(rows, flags(...argv)))).toEqual(expected);
  });

  it('matches is usable detached from the compiled object', () => {
    const { matches } = compileQuery(flags('-l', 'app=api'));
    expect(rows.filter(matches)).toHaveLength(1);
  });

  it('re-checks a hand-built query and reports the bad part', () => {
    const bad = { ...flags(), include: [{ path: 'a[', op: '=' as const, values: ['x'] }] };
    expect(() => compileQuery(bad)).toThrow(QueryError);
    expect(() => compileQuery({ ...flags(), labelSelector: 'a in (' })).toThrow(/^l: /);
  });

  it('uses kk default columns when -o is absent', () => {
    expect(compileQuery(flags()).columns.map((c) => c.path)).toEqual(DEFAULT_COLUMNS.map((c) => c.path));
    expect(DEFAULT_COLUMNS.map((c) => `${c.path}:${c.width}`).join(',')).toBe(
      'pod_name:62,namespace:16,pod_state:16,app_name:16,node_name:20,node_group:16,node_lifecycle:16',
    );
  });
});

describe('sorting', () => {
  const rows = [
    makeRow({ podName: 'b', cpuRequest: 100, zone: 'z2' }),
    makeRow({ podName: 'a', cpuRequest: 1000, zone: null }),
    makeRow({ podName: 'c', cpuRequest: 20, zone: 'z1' }),
    makeRow({ podName: 'd', cpuRequest: 100, zone: 'z1' }),
  ];
  it.each([
    ['pod_name', ['a', 'b', 'c', 'd']],
    ['-pod_name', ['d', 'c', 'b', 'a']],
    ['cpuRequest', ['c', 'b', 'd', 'a']], // numerically, and stable for the tie b/d
    ['-cpuRequest', ['a', 'b', 'd', 'c']],
    ['zone', ['c', 'd', 'b', 'a']], // NA last
    ['-zone', ['b', 'c', 'd', 'a']], // NA last when descending too
    ['zone,-pod_name', ['d', 'c', 'b', 'a']],
  ])('--sort %s', (sort, expected) => {
    const q = flags('--sort', sort);
    expect(names(sortRows(rows, q))).toEqual(expected);
  });

  it('sortRows leaves the input alone; without a sort it orders by namespace, then pod name', () => {
    const before = names(rows);
    sortRows(rows, flags('--sort', '-pod_name'));
    expect(names(rows)).toEqual(before);
    expect(names(sortRows(rows, flags()))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders quantities in the objects by value, numbers by value, missing last', () => {
    const withCpu = (podName: string, cpu: string | undefined, prio?: number) => {
      const row = makeRow({ podName, containers: [{ name: 'c', image: 'x', resources: cpu ? { requests: { cpu } } : {} }] });
      if (prio !== undefined) row.pod.spec!.priority = prio;
      return row;
    };
    const qrows = [withCpu('a', '2', 10), withCpu('b', '500m', 5), withCpu('c', undefined, 9), withCpu('d', '1.5', undefined), withCpu('e', '100m', 100)];
    expect(names(sortRows(qrows, flags('--sort', 'spec.containers[0].resources.requests.cpu')))).toEqual(['e', 'b', 'd', 'a', 'c']);
    expect(names(sortRows(qrows, flags('--sort', '-spec.containers[0].resources.requests.cpu')))).toEqual(['a', 'd', 'b', 'e', 'c']);
    expect(names(sortRows(qrows, flags('--sort', 'spec.priority')))).toEqual(['b', 'c', 'a', 'e', 'd']);
  });
});

describe('capacity types as kk users wrote them', () => {
  const rows = [
    makeRow({ podName: 's', capacityType: 'spot' }),
    makeRow({ podName: 'o', capacityType: 'on-demand' }),
    makeRow({ podName: 'r', capacityType: 'reserved' }),
  ];
  it.each([
    ['node_lifecycle=Ec2Spot', ['s']],
    ['node_lifecycle=SPOT', ['s']],
    ['capacityType=spot', ['s']],
    ['node_lifecycle=OnDemand', ['o']],
    ['node_lifecycle=ON_DEMAND', ['o']],
    ['node_lifecycle=regular/od', ['o']],
    ['node_lifecycle=normal', ['o']],
    ['node_lifecycle=CAPACITY_BLOCK/Ec2Spot', ['s', 'r']],
    ['node_lifecycle!=Ec2Spot', ['o', 'r']],
  ])('-f %s', (clause, expected) => {
    expect(names(filterRows(rows, flags('-f', clause))).sort()).toEqual([...expected].sort());
  });
  it('-e takes the same spellings', () => {
    expect(names(filterRows(rows, flags('-e', 'node_lifecycle=Ec2Spot/OnDemand')))).toEqual(['r']);
  });
});
