import { describe, expect, it } from 'vitest';
import { parseKkCommand, parseQueryParams } from '@/lib/query';
import { queryToFlags } from './query-flags';

describe('queryToFlags', () => {
  it('round-trips through the CLI parser, quotes, slashes and leading dashes included', () => {
    for (const search of [
      '',
      'f=cordoned=true&nl=karpenter.sh/nodepool=default&sort=-cpuRequestPct,name',
      "f=name~=it's a trap&e=taints~=spot-itn&f=node.metadata.labels[\"topology.kubernetes.io/zone\"]=eu-west-1a/eu-west-1b",
      'l=app in (a,b),!canary&ns=team-a,team-b&f=allOnSpot=true&e=kind=DaemonSet',
      'f=message~=$(rm -rf /) `x` "y"&sort=-risk',
    ]) {
      const q = parseQueryParams(new URLSearchParams(search));
      expect(parseKkCommand(queryToFlags(q)), search).toEqual(q);
    }
  });
});
