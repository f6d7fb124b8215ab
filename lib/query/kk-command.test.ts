import { describe, expect, it } from 'vitest';
import { parseKkCommand, parseKkCommandLine } from './kk-command';
import { parseFlags } from './flags';
import { QueryError } from './errors';

const SEED =
  "kk get podnode -f 'metadata.namespace=streamtech/content/commerce' -e 'metadata.owner_references[0].kind=DaemonSet' " +
  "-o 'pod_name:62,pod.status.phase,node.metadata.labels.lifecycle,namespace,,pod.spec.containers[0].resources.requests:35'";

describe('parseKkCommand', () => {
  it('reads the seed command exactly as the flags would', () => {
    expect(parseKkCommand(SEED)).toEqual(
      parseFlags([
        '-f', 'metadata.namespace=streamtech/content/commerce',
        '-e', 'metadata.owner_references[0].kind=DaemonSet',
        '-o', 'pod_name:62,pod.status.phase,node.metadata.labels.lifecycle,namespace,,pod.spec.containers[0].resources.requests:35',
      ]).query,
    );
  });

  it.each([
    'kk get pn -l app=web',
    'kubectl podnode get pn -l app=web',
    'kubectl pn get podnode -l app=web',
    'kubectl-podnode get podnode -l app=web',
    'npx kubectl-podnode get podnode -l app=web',
    '/usr/local/bin/kk get pn -l app=web',
    '-l app=web',
    '  -l   "app=web"  ',
    "-l 'app'=web",
    '-l app\\=web',
    'kk get pn \\\n  -l app=web',
    '\u201Ckk\u201D get pn -l \u2018app=web\u2019',
    'kk get pn -l app=web # the web pods',
  ])('%j', (text) => {
    expect(parseKkCommand(text).labelSelector).toBe('app=web');
  });

  it('handles quotes and escapes like a shell', () => {
    const q = parseKkCommand(`-f "pod.spec.containers[*].image=a\\"b" -e 'x=it'\\''s' -f metadata.labels[\\"app\\"]=web`);
    expect(q.include).toEqual([
      { path: 'pod.spec.containers[*].image', op: '=', values: ['a"b'] },
      { path: 'metadata.labels["app"]', op: '=', values: ['web'] },
    ]);
    expect(q.exclude).toEqual([{ path: 'x', op: '=', values: ["it's"] }]);
  });

  it('accepts the CLI-only flags and returns them as extras', () => {
    const { query, extras } = parseKkCommandLine(
      'kk get pn -A --json -w --offline --no-headers --context=prod --kubeconfig /k --server http://x --snapshot s.json',
    );
    expect(query.namespaces).toEqual([]);
    expect(extras).toEqual({
      '--json': true, '-w': true, '--offline': true, '--no-headers': true,
      '--context': 'prod', '--kubeconfig': '/k', '--server': 'http://x', '--snapshot': 's.json',
    });
  });

  it.each([
    ['kk get pn --bogus', { param: '--bogus', position: 10 }, "unknown flag '--bogus'"],
    ['kk get pn -x', { param: '-x' }, "unknown flag '-x'"],
    ['kk get pods', { param: 'kk' }, "unexpected argument 'pods'"],
    ['kubectl get pods', { param: 'kk' }, "expected 'kubectl podnode"],
    ["kk get pn -f 'a=b", { param: 'kk', position: 13 }, "unterminated ' quote opened at position 13"],
    ['kk get pn -f "a=b', { param: 'kk', position: 13 }, 'unterminated " quote'],
    ['kk get pn | sort -k3', { param: 'kk', position: 10 }, "shell operator '|'"],
    ['kk get pn -l a=b; rm -rf /', { param: 'kk', position: 16 }, "shell operator ';'"],
    ['kk get pn -l $(whoami)', { param: 'kk', position: 14 }, "shell operator '('"],
    ['kk get pn -l a\u0007', { param: 'kk', position: 14 }, 'control character U+0007'],
    ["kk get pn -f 'node.metadata.labels[zone=x'", { param: '-f', index: 0, position: 25 }, "missing ']'"],
    ['kk get pn --context', { param: '--context' }, 'needs a value'],
  ])('%j → QueryError %j', (text, where, message) => {
    let err: unknown;
    try {
      parseKkCommand(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).where).toMatchObject(where);
    expect((err as QueryError).message).toContain(message);
  });
});
