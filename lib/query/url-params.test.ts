import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQueryParams, queryToParams } from './url-params';
import { formatLabelSelector, parseLabelSelector } from './label-selector';
import { QueryError } from './errors';
import type { Clause, Column, Query } from './query';

const SEED_O = 'pod_name:62,pod.status.phase,node.metadata.labels.lifecycle,namespace,,pod.spec.containers[0].resources.requests:35';

describe('parseQueryParams', () => {
  it('reads the seed command as URL params', () => {
    const q = parseQueryParams(
      new URLSearchParams({
        f: 'metadata.namespace=streamtech/content/commerce',
        e: 'metadata.owner_references[0].kind=DaemonSet',
        o: SEED_O,
      }),
    );
    expect(q).toEqual({
      namespaces: [],
      include: [{ path: 'metadata.namespace', op: '=', values: ['streamtech', 'content', 'commerce'] }],
      exclude: [{ path: 'metadata.owner_references[0].kind', op: '=', values: ['DaemonSet'] }],
      columns: [
        { path: 'pod_name', width: 62, widthSet: true },
        { path: 'pod.status.phase', width: 16, widthSet: false },
        { path: 'node.metadata.labels.lifecycle', width: 16, widthSet: false },
        { path: 'namespace', width: 16, widthSet: false },
        { path: 'pod.spec.containers[0].resources.requests', width: 35, widthSet: true },
      ],
      sort: [],
    });
  });

  it('reads every param, from a record as Next passes searchParams', () => {
    const q = parseQueryParams({
      l: 'tier in (b,a), app = web',
      ns: ['kube-system,default', 'default'],
      nl: 'karpenter.sh/capacity-type=spot',
      f: ['status~=crash', 'pod.spec.containers[*].image!=docker.io\\/nginx/redis', ''],
      e: 'ownerKind=DaemonSet',
      o: 'labels["a:b,c"]:12, zone',
      sort: '-cpuRequest,pod_name',
      format: 'csv',
      unrelated: undefined,
    });
    expect(q).toEqual({
      labelSelector: 'app=web,tier in (a,b)',
      namespaces: ['kube-system', 'default'],
      nodeSelector: 'karpenter.sh/capacity-type=spot',
      include: [
        { path: 'status', op: '~=', values: ['crash'] },
        { path: 'pod.spec.containers[*].image', op: '!=', values: ['docker.io/nginx', 'redis'] },
      ],
      exclude: [{ path: 'ownerKind', op: '=', values: ['DaemonSet'] }],
      columns: [
        { path: 'labels["a:b,c"]', width: 12, widthSet: true },
        { path: 'zone', width: 16, widthSet: false },
      ],
      sort: [
        { path: 'cpuRequest', desc: true },
        { path: 'pod_name', desc: false },
      ],
    });
  });

  it('combines repeated l (all hold) and o (concatenated)', () => {
    const p = new URLSearchParams([['l', 'b=1'], ['l', 'a'], ['o', 'x'], ['o', 'y:3']]);
    const q = parseQueryParams(p);
    expect(q.labelSelector).toBe('a,b=1');
    expect(q.columns.map((c) => c.path)).toEqual(['x', 'y']);
  });

  it.each([
    [{ f: ['a=1', 'node.metadata.labels[zone=x'] }, { param: 'f', index: 1, position: 25 }, "missing ']' at position 25"],
    [{ e: 'a' }, { param: 'e', index: 0, position: 1 }, "expected '=', '!=' or '~='"],
    [{ f: 'metadata.labels.kubernetes.io/arch=x' }, { param: 'f', position: 29 }, 'in brackets'],
    [{ l: 'a in (x' }, { param: 'l', position: 7 }, "missing ')'"],
    [{ nl: '!' }, { param: 'nl', position: 1 }, 'expected a label key'],
    [{ ns: 'ok,Bad_NS' }, { param: 'ns', position: 3 }, "namespace 'Bad_NS'"],
    [{ o: 'a:0' }, { param: 'o', position: 2 }, 'between 1 and 1000'],
    [{ o: 'a:1001' }, { param: 'o', position: 2 }, 'between 1 and 1000'],
    [{ o: 'a:x' }, { param: 'o', position: 2 }, "expected a width"],
    [{ o: 'a b' }, { param: 'o', position: 2 }, "unexpected 'b'"],
    [{ sort: '-' }, { param: 'sort', position: 1 }, 'expected a path'],
  ])('%j is a QueryError at %j', (params, where, message) => {
    let err: unknown;
    try {
      parseQueryParams(params);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).where).toMatchObject(where);
    expect((err as QueryError).message).toContain(message);
  });

  it('refuses non-text values from a hostile record', () => {
    expect(() => parseQueryParams({ f: [1, 2] } as unknown as Record<string, string>)).toThrow(QueryError);
  });
});

describe('queryToParams', () => {
  it('is canonical: fixed order, defaults omitted', () => {
    const q = parseQueryParams({ sort: 'a', o: 'x:16', e: 'b=2', f: 'a=1', ns: 'n', l: 'z,y' });
    expect(queryToParams(q).toString()).toBe('l=y%2Cz&ns=n&f=a%3D1&e=b%3D2&o=x%3A16&sort=a');
    expect(queryToParams(parseQueryParams({})).toString()).toBe('');
  });
});

// Generators of canonical queries: what the parsers produce.
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((s) => !['constructor', 'prototype'].includes(s));
const segment = fc.oneof(
  name.map((n) => `.${n}`),
  fc.nat({ max: 99 }).map((n) => `[${n}]`),
  fc.constant('[*]'),
  fc.stringMatching(/^[a-z0-9.:,/=-]{1,12}$/).map((k) => `["${k}"]`),
);
const path = fc.tuple(name, fc.array(segment, { maxLength: 5 })).map(([first, rest]) => first + rest.join(''));
const value = fc.string({ maxLength: 12 }).filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s));
const clause: fc.Arbitrary<Clause> = fc.record({
  path,
  op: fc.constantFrom('=' as const, '!=' as const, '~=' as const),
  values: fc.array(value, { minLength: 1, maxLength: 3 }),
});
const column: fc.Arbitrary<Column> = fc.oneof(
  path.map((p) => ({ path: p, width: 16, widthSet: false })),
  fc.tuple(path, fc.integer({ min: 1, max: 1000 })).map(([p, w]) => ({ path: p, width: w, widthSet: true })),
);
const labelName = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,6}[a-z0-9])?$/);
const requirement = fc.oneof(
  fc.tuple(labelName, labelName).map(([k, v]) => `${k}=${v}`),
  fc.tuple(labelName, labelName).map(([k, v]) => `${k}!=${v}`),
  fc.tuple(labelName, fc.array(labelName, { minLength: 1, maxLength: 3 })).map(([k, vs]) => `${k} notin (${vs.join(',')})`),
  labelName.map((k) => `!${k}`),
  labelName,
);
const selector = fc
  .array(requirement, { minLength: 1, maxLength: 4 })
  .map((rs) => formatLabelSelector(parseLabelSelector(rs.join(','))));
const query: fc.Arbitrary<Query> = fc
  .record({
    labelSelector: fc.option(selector, { nil: undefined }),
    namespaces: fc.uniqueArray(fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/), { maxLength: 3 }),
    nodeSelector: fc.option(selector, { nil: undefined }),
    include: fc.array(clause, { maxLength: 4 }),
    exclude: fc.array(clause, { maxLength: 4 }),
    columns: fc.array(column, { maxLength: 5 }),
    sort: fc.array(fc.record({ path, desc: fc.boolean() }), { maxLength: 3 }),
  })
  .map((q) => {
    const out: Query = { namespaces: q.namespaces, include: q.include, exclude: q.exclude, columns: q.columns, sort: q.sort };
    if (q.labelSelector !== undefined) out.labelSelector = q.labelSelector;
    if (q.nodeSelector !== undefined) out.nodeSelector = q.nodeSelector;
    return out;
  });

describe('URL round trip', () => {
  it('parseQueryParams(queryToParams(q)) equals q', () => {
    fc.assert(
      fc.property(query, (q) => {
        const params = queryToParams(q);
        expect(parseQueryParams(params)).toEqual(q);
        // and through the text form of a real URL
        expect(parseQueryParams(new URLSearchParams(params.toString()))).toEqual(q);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
