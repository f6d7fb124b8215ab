import { describe, expect, it } from 'vitest';
import { parseQueryParams } from '@/lib/query';
import { makeRow } from '@/lib/query/test-rows';
import { computeFacets } from './select';

const rows = [
  makeRow({ namespace: 'shop', capacityType: 'spot', nodeGroup: 'a' }),
  makeRow({ namespace: 'shop', capacityType: 'spot', nodeGroup: 'b' }),
  makeRow({ namespace: 'shop', capacityType: 'on-demand', nodeGroup: 'a' }),
  makeRow({ namespace: 'ops', capacityType: 'on-demand', nodeGroup: null }),
];

describe('computeFacets', () => {
  it('counts each facet without its own clauses, whatever alias names them', () => {
    for (const f of ['capacityType=spot', 'node_lifecycle=spot', 'capacity_type=spot']) {
      const facets = computeFacets(rows, parseQueryParams({ f, ns: 'shop' }));
      expect(facets.capacityType, f).toEqual({ spot: 2, 'on-demand': 1 }); // its own clause ignored, ns kept
      expect(facets.nodeGroup, f).toEqual({ a: 1, b: 1 }); // the spot clause applies to other facets
      expect(facets.namespace, f).toEqual({ shop: 2 }); // the namespace facet ignores ns
    }
  });

  it('counts a missing value as NA, which a clause can select', () => {
    const facets = computeFacets(rows, parseQueryParams({ f: 'metadata.namespace=ops' }));
    expect(facets.nodeGroup).toEqual({ NA: 1 });
    expect(facets.namespace).toEqual({ shop: 3, ops: 1 });
  });
});
