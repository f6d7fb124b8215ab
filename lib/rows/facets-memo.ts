// Facet counts cost a few passes over every row; viewers with the same query at the same cache
// version share one computation instead of each doing it.
import type { Facets } from '@/lib/rows/wire';
import type { RowIndex } from '@/lib/rows/row-index';
import { queryToParams, type Query } from '@/lib/query';
import { computeFacets } from '@/lib/rows/select';

const memo = new WeakMap<RowIndex, { version: number; byQuery: Map<string, Facets> }>();
const MAX_QUERIES = 64;

export function facetsFor(index: RowIndex, query: Query): Facets {
  let entry = memo.get(index);
  if (!entry || entry.version !== index.version) {
    entry = { version: index.version, byQuery: new Map() };
    memo.set(index, entry);
  }
  const key = queryToParams({ ...query, columns: [], sort: [] }).toString();
  let facets = entry.byQuery.get(key);
  if (!facets) {
    facets = computeFacets([...index.rows()], query);
    if (entry.byQuery.size >= MAX_QUERIES) entry.byQuery.clear();
    entry.byQuery.set(key, facets);
  }
  return facets;
}
