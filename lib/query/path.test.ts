import { describe, expect, it } from 'vitest';
import { compilePath, parsePath, valueToText, Fanout } from './path';
import { QueryError } from './errors';
import { makeRow } from './test-rows';

const row = makeRow({
  podName: 'checkout-1',
  namespace: 'shop',
  phase: 'Pending',
  nodeName: 'ip-10-0-0-1',
  labels: { app: 'checkout', 'app.kubernetes.io/name': 'checkout' },
  nodeLabels: { 'karpenter.sh/capacity-type': 'spot', lifecycle: 'Ec2Spot', 'topology.kubernetes.io/zone': 'eu-west-1a' },
  containers: [
    { name: 'main', image: 'shop/checkout:2', resources: { requests: { cpu: '250m' } } },
    { name: 'envoy', image: 'envoy:1.30' },
  ],
});
const text = (path: string) => valueToText(compilePath(path)(row));

describe('path resolution', () => {
  it.each([
    // row fields and kk aliases
    ['pod_name', 'checkout-1'],
    ['podName', 'checkout-1'],
    ['namespace', 'shop'],
    ['pod_state', 'Pending'],
    ['status', 'Pending'],
    ['node_lifecycle', 'spot'],
    ['capacityType', 'spot'],
    ['node_name', 'ip-10-0-0-1'],
    ['node_group', 'workers'],
    ['cpu_request', '100'],
    ['zone', 'NA'],
    // the objects
    ['pod.metadata.name', 'checkout-1'],
    ['node.metadata.labels.lifecycle', 'Ec2Spot'],
    ['node.metadata.labels["karpenter.sh/capacity-type"]', 'spot'],
    ["node.metadata.labels['topology.kubernetes.io/zone']", 'eu-west-1a'],
    ['node.metadata.labels[karpenter.sh/capacity-type]', 'spot'],
    ['pod.spec.containers[0].resources.requests', '{"cpu":"250m"}'],
    ['pod.spec.containers[1].resources', 'NA'],
    ['pod.spec.containers[9].image', 'NA'],
    ['pod.spec.containers[*].image', 'shop/checkout:2,envoy:1.30'],
    ['pod.spec.containers[*].resources.requests.cpu', '250m'],
    ['pod.metadata.labels[*]', 'checkout,checkout'],
    ['pod.spec.containers.0.name', 'main'],
    // anything else reads the pod, with kk's snake_case and a leading dot
    ['metadata.namespace', 'shop'],
    ['.metadata.namespace', 'shop'],
    ['metadata.owner_references[0].kind', 'ReplicaSet'],
    ['status.phase', 'Pending'],
    ['status.pod_ip', '10.0.0.1'],
    ['spec.node_name', 'ip-10-0-0-1'],
    ['metadata.labels.app', 'checkout'],
    // own properties only
    ['metadata.labels.toString', 'NA'],
    ['metadata.hasOwnProperty', 'NA'],
    ['pod.spec.containers.length', '2'],
  ])('%s → %s', (path, expected) => {
    expect(text(path)).toBe(expected);
  });

  it('node paths on an unscheduled pod are missing', () => {
    const pending = makeRow({ nodeLabels: null });
    expect(valueToText(compilePath('node.metadata.name')(pending))).toBe('NA');
    expect(valueToText(compilePath('node_name')(pending))).toBe('NA');
    expect(valueToText(compilePath('node')(pending))).toBe('NA');
  });
});

describe('path syntax errors', () => {
  it.each([
    ['', 0, 'expected a path'],
    ['a.', 2, "expected a name after '.'"],
    ['a..b', 2, "expected a name after '.'"],
    ['a[0', 3, "missing ']' at position 3 to close '[' at position 1"],
    ['a[zone=x', 6, "missing ']'"],
    ['a[]', 1, "empty '[]'"],
    ['a["x]', 2, 'unterminated " string'],
    ['a[-1]', 2, 'negative index'],
    ['a[1234567890]', 2, 'too large'],
    ['a.b c', 3, "unexpected ' '"],
    ['labels.kubernetes.io/arch', 20, "unexpected '/' at position 20 (write keys with '/' in brackets"],
    ['__proto__', 0, "'__proto__' is not allowed"],
    ['a.constructor', 2, "'constructor' is not allowed"],
    ['a["prototype"]', 2, "'prototype' is not allowed"],
    ['a[__proto__]', 2, "'__proto__' is not allowed"],
    [`${Array(33).fill('a').join('.')}`, 64, 'deeper than 32'],
  ])('%j fails at %i', (path, position, message) => {
    let err: unknown;
    try {
      parsePath(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).message).toContain(message);
    expect((err as QueryError).where).toMatchObject({ param: 'path', position, input: path });
  });

  it('accepts a path of exactly 32 segments', () => {
    expect(parsePath(Array(32).fill('a').join('.'))).toHaveLength(32);
  });
});

describe('valueToText', () => {
  it.each([
    ['x', 'x'],
    ['', ''],
    [0, '0'],
    [1.5, '1.5'],
    [false, 'false'],
    [null, 'NA'],
    [undefined, 'NA'],
    [{ a: 1, b: [1, 'x'] }, '{"a":1,"b":[1,"x"]}'],
    [[1, 2], '[1,2]'],
    [new Fanout(['a', 1, { b: 2 }]), 'a,1,{"b":2}'],
    [() => 1, 'NA'],
  ])('%j → %j', (value, expected) => {
    expect(valueToText(value)).toBe(expected);
  });

  it('does not throw on a cyclic object', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(valueToText(cyclic)).toBe('NA');
  });
});
