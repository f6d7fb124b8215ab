import { describe, expect, it } from 'vitest';
import { formatText, formatCsv, formatJsonRows, formatNdjson } from './format';
import { parseColumnList } from './column-list';
import { makeRow } from './test-rows';

const rows = [
  makeRow({ podName: 'stable-k8s-spot-termination-handler-6g27r', namespace: 'kube-system-external', phase: 'Pending' }),
  makeRow({ podName: 'p2', namespace: 'default', nodeLabels: null }),
];

describe('formatText (kk layout)', () => {
  it('cuts each value to WIDTH and pads it to WIDTH+4; the header is the path as written', () => {
    const out = formatText(rows, parseColumnList('pod_name:20,pod.status.phase,namespace:4,node.metadata.name:6'), { headers: true });
    expect(out.split('\n')).toEqual([
      'pod_name                pod.status.phase    name    node.m    ',
      'stable-k8s-spot-term    Pending             kube    node-0    ',
      'p2                      Running             defa    NA        ',
      '',
    ]);
  });

  it('uses kk default columns and can omit the header', () => {
    const out = formatText(rows.slice(1), [], { headers: false });
    expect(out).toBe(`${'p2'.padEnd(66)}${'default'.padEnd(20)}${'Running'.padEnd(20)}${'web'.padEnd(20)}${'NA'.padEnd(24)}${'NA'.padEnd(20)}${'unknown'.padEnd(20)}\n`);
  });

  it('neutralises terminal control sequences and never splits a surrogate pair', () => {
    const row = makeRow({ podName: 'evil\u001b[2Jpod', appName: '😀😀😀' });
    const out = formatText([row], parseColumnList('pod_name:20,app_name:2'), { headers: false });
    expect(out).toBe(`${'evil?[2Jpod'.padEnd(24)}😀😀    \n`);
  });
});

describe('formatCsv', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    const row = makeRow({ podName: '=HYPERLINK("http://x")', appName: 'a,b', namespace: 'ns', restarts: -3, ownerName: '@x' });
    const out = formatCsv([row], parseColumnList('pod_name,app_name,restarts,ownerName,namespace,zone,pod.metadata.labels'));
    expect(out).toBe(
      'pod_name,app_name,restarts,ownerName,namespace,zone,pod.metadata.labels\r\n' +
        `"'=HYPERLINK(""http://x"")","a,b",-3,'@x,ns,NA,"{""app"":""web""}"\r\n`,
    );
  });

  it.each([
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['\tx', "'\tx"],
    ['a\nb', '"a\nb"'],
    ['\rx', `"'\rx"`],
    ['plain', 'plain'],
  ])('%j → %j', (value, cell) => {
    const out = formatCsv([makeRow({ appName: value })], parseColumnList('app_name'));
    expect(out).toBe(`app_name\r\n${cell}\r\n`);
  });
});

describe('JSON', () => {
  it('keys by column path, with null for missing and arrays for [*]', () => {
    const out = formatJsonRows(rows.slice(1), parseColumnList('pod_name,node.metadata.name,pod.spec.containers[*].name,restarts'));
    expect(out).toEqual([{ pod_name: 'p2', 'node.metadata.name': null, 'pod.spec.containers[*].name': ['main'], restarts: 0 }]);
  });

  it('without columns gives the rows minus pod and node', () => {
    const [lite] = formatJsonRows(rows.slice(0, 1));
    expect(lite).not.toHaveProperty('pod');
    expect(lite).not.toHaveProperty('node');
    expect(lite).toMatchObject({ podName: 'stable-k8s-spot-termination-handler-6g27r', status: 'Pending' });
    expect(Object.keys(lite!)).toHaveLength(20);
  });

  it('ndjson is one object per line', () => {
    const out = formatNdjson(rows, parseColumnList('pod_name'));
    expect(out).toBe('{"pod_name":"stable-k8s-spot-termination-handler-6g27r"}\n{"pod_name":"p2"}\n');
  });
});
