import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags';
import { QueryError } from './errors';

describe('parseFlags', () => {
  it.each([
    [['-l', 'app=web'], 'app=web'],
    [['-lapp=web'], 'app=web'],
    [['-l=app=web'], 'app=web'],
    [['--selector', 'app=web'], 'app=web'],
    [['--selector=app=web'], 'app=web'],
    [['-l', 'b', '--selector=a'], 'a,b'],
  ])('%j → label selector %j', (argv, selector) => {
    expect(parseFlags(argv).query.labelSelector).toBe(selector);
  });

  it('reads namespaces, -A winning as in kubectl', () => {
    expect(parseFlags(['-n', 'a', '--namespace=b,c', '-nd']).query.namespaces).toEqual(['a', 'b', 'c', 'd']);
    expect(parseFlags(['-n', 'a', '-A']).query.namespaces).toEqual([]);
    expect(parseFlags(['-n', 'a', '--all-namespaces=false']).query.namespaces).toEqual(['a']);
  });

  it('reads clauses, columns and sort in all their forms', () => {
    const { query, rest } = parseFlags([
      'get', 'pn', '-f', 'a=1', '--filter=b!=2', '-e', 'c~=x', '--exclude', 'd=4',
      '-o', 'pod_name:62,,zone', '--columns=x', '--sort', '-cpuRequest', '--sort-by=pod_name',
      '--node-selector', 'karpenter.sh/capacity-type=spot', '--json', '-w', '--context', 'prod',
    ]);
    expect(query.include).toEqual([
      { path: 'a', op: '=', values: ['1'] },
      { path: 'b', op: '!=', values: ['2'] },
    ]);
    expect(query.exclude).toEqual([
      { path: 'c', op: '~=', values: ['x'] },
      { path: 'd', op: '=', values: ['4'] },
    ]);
    expect(query.columns.map((c) => `${c.path}:${c.width}`)).toEqual(['pod_name:62', 'zone:16', 'x:16']);
    expect(query.sort).toEqual([
      { path: 'cpuRequest', desc: true },
      { path: 'pod_name', desc: false },
    ]);
    expect(query.nodeSelector).toBe('karpenter.sh/capacity-type=spot');
    expect(rest).toEqual(['get', 'pn', '--json', '-w', '--context', 'prod']);
  });

  it('expands bundled -Aw and stops at --', () => {
    const { query, rest } = parseFlags(['-Aw', '--', '-l', 'x']);
    expect(query.namespaces).toEqual([]);
    expect(query.labelSelector).toBeUndefined();
    expect(rest).toEqual(['-w', '-l', 'x']);
  });

  it.each([
    [['-l'], { param: '-l' }, 'flag -l needs a value'],
    [['--sort'], { param: '--sort' }, 'needs a value'],
    [['-f', 'a=1', '-f', 'node.metadata.labels[zone=x'], { param: '-f', index: 1, position: 25 }, "missing ']'"],
    [['--filter=oops'], { param: '--filter', index: 0, position: 4 }, "expected '='"],
    [['--all-namespaces=maybe'], { param: '--all-namespaces' }, 'true or false'],
  ])('%j → QueryError %j', (argv, where, message) => {
    let err: unknown;
    try {
      parseFlags(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).where).toMatchObject(where);
    expect((err as QueryError).message).toContain(message);
  });
});
