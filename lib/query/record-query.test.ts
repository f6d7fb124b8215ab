import { describe, expect, it } from 'vitest';
import { compileRecordQuery, selectRecords, type RecordSchema } from './record-query';
import { parseQueryParams } from './url-params';
import { QueryError } from './errors';

type Row = { name: string; capacityType: string; pods: number; cordoned: boolean; node: { metadata: { labels: Record<string, string> }; spec?: Record<string, unknown> } };
const NODES: RecordSchema<Row> = {
  noun: 'node',
  fields: ['name', 'capacityType', 'pods', 'cordoned'],
  roots: { node: (r) => r.node },
  fallback: (r) => r.node,
  nodeLabels: (r) => r.node.metadata.labels,
  tieBreak: [{ path: 'name', desc: false }],
};
type Wl = { namespace: string; name: string; risk: number; allOnSpot: boolean };
const WORKLOADS: RecordSchema<Wl> = { noun: 'workload', fields: ['namespace', 'name', 'risk', 'allOnSpot'], roots: {}, tieBreak: [{ path: 'risk', desc: true }, { path: 'name', desc: false }], handledElsewhere: ['l', 'ns', 'nl'] };

const row = (name: string, capacityType: string, pods: number, labels: Record<string, string> = {}, cordoned = false): Row =>
  ({ name, capacityType, pods, cordoned, node: { metadata: { labels }, spec: cordoned ? { unschedulable: true } : {} } });
const rows = [row('c', 'spot', 5, { pool: 'a' }), row('a', 'on-demand', 5, { pool: 'b' }, true), row('b', 'spot', 9, { 'karpenter.sh/nodepool': 'x' })];
const q = (s: string) => parseQueryParams(new URLSearchParams(s));
const names = (s: string) => selectRecords(rows, q(s), NODES).map((r) => r.name);

describe('the query language over node rows', () => {
  it('reads fields by either spelling, node paths, and the node by default', () => {
    expect(names('f=capacity_type=spot')).toEqual(['b', 'c']);
    expect(names('f=capacityType=Ec2Spot')).toEqual(['b', 'c']); // kk's spellings of a capacity type
    expect(names('f=node.metadata.labels.pool=a/b')).toEqual(['a', 'c']);
    expect(names('f=metadata.labels["karpenter.sh/nodepool"]=x')).toEqual(['b']);
    expect(names('e=spec.unschedulable=true')).toEqual(['b', 'c']);
    expect(names('f=cordoned=true')).toEqual(['a']);
    expect(names('nl=pool')).toEqual(['a', 'c']);
    expect(names('f=name~=B')).toEqual(['b']);
  });

  it('sorts in the one order, ties broken by the schema', () => {
    expect(names('sort=-pods')).toEqual(['b', 'a', 'c']);
    expect(names('sort=pods,-name')).toEqual(['c', 'a', 'b']);
    expect(names('')).toEqual(['a', 'b', 'c']);
  });

  it('refuses what does not apply to nodes, naming the parameter', () => {
    const err = (s: string) => {
      try {
        compileRecordQuery(q(s), NODES);
      } catch (e) {
        if (e instanceof QueryError) return { message: e.message, param: e.where.param };
        throw e;
      }
      throw new Error(`accepted ${s}`);
    };
    expect(err('l=app=web')).toMatchObject({ param: 'l', message: expect.stringContaining('use nl') });
    expect(err('ns=kube-system')).toMatchObject({ param: 'ns' });
    expect(err('o=name')).toMatchObject({ param: 'o' });
    expect(err('sort=metadata.name')).toMatchObject({ param: 'sort', message: expect.stringContaining('sort by a field') });
    expect(err('f=__proto__=x')).toMatchObject({ param: 'f' });
  });
});

describe('the query language over workload rows', () => {
  const wl: Wl[] = [
    { namespace: 'a', name: 'web', risk: 3, allOnSpot: true },
    { namespace: 'a', name: 'api', risk: 3, allOnSpot: false },
    { namespace: 'b', name: 'db', risk: 9, allOnSpot: true },
  ];
  it('filters on fields, riskiest first by default', () => {
    expect(selectRecords(wl, q(''), WORKLOADS).map((w) => w.name)).toEqual(['db', 'api', 'web']);
    expect(selectRecords(wl, q('f=allOnSpot=true'), WORKLOADS).map((w) => w.name)).toEqual(['db', 'web']);
    expect(selectRecords(wl, q('f=all_on_spot=true&sort=name'), WORKLOADS).map((w) => w.name)).toEqual(['db', 'web']);
  });
  it('leaves the pod part to the caller and says which fields exist for anything else', () => {
    expect(() => compileRecordQuery(q('l=app=web&ns=a&nl=zone=x'), WORKLOADS)).not.toThrow();
    expect(() => compileRecordQuery(q('f=metadata.name=x'), WORKLOADS)).toThrow(/unknown workload field 'metadata.name' \(fields: namespace, name, risk, allOnSpot\)/);
  });
});
