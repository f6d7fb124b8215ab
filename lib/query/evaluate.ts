// A Query compiled once into closures: per row, filtering is a few property reads and Set lookups.
import type { PodNodeRow } from '@/lib/podnode/types';
import { inParam } from './errors';
import { parseRequirements } from './label-selector';
import { compileLabelSelector } from './label-matcher';
import { compileClause } from './clause';
import { parseColumnList } from './column-list';
import { compileSegments, parsePathText, type PathAccessor } from './path';
import { cellOf, compareSortValues, effectiveSort, orderByTextKeys, sortValueOf, type SortValue } from './sort';
import type { Clause, Column, Query } from './query';
import { rowFieldOfPath } from './row-fields';
import { capacityTypeSpelling } from './capacity-values';

/** kk's default text columns, as `-o` text (what the CLI and `format=text` print without `-o`). */
const DEFAULT_TEXT_COLUMNS = 'pod_name:62,namespace,pod_state,app_name,node_name:20,node_group,node_lifecycle';
export const DEFAULT_COLUMNS: readonly Column[] = parseColumnList(DEFAULT_TEXT_COLUMNS);

type CompiledColumn = { path: string; width: number; get: PathAccessor };
export type CompiledQuery = {
  matches: (row: PodNodeRow) => boolean;
  /** the query's columns, or the default text columns */
  columns: CompiledColumn[];
};

/** Throws QueryError when the query holds invalid text (a hand-built Query is re-checked here). */
export function compileQuery(q: Query): CompiledQuery {
  const tests: ((row: PodNodeRow) => boolean)[] = [];
  if (q.namespaces.length > 0) {
    const namespaces = new Set(q.namespaces);
    tests.push((row) => namespaces.has(row.namespace));
  }
  if (q.labelSelector) {
    const pod = compileLabelSelector(inParam('l', q.labelSelector, undefined, parseRequirements));
    tests.push((row) => pod(row.pod?.metadata?.labels));
  }
  if (q.nodeSelector) {
    const node = compileLabelSelector(inParam('nl', q.nodeSelector, undefined, parseRequirements));
    tests.push((row) => row.node !== null && row.node !== undefined && node(row.node.metadata?.labels));
  }
  q.include.forEach((c, i) => tests.push(compileClause(withCapacitySpellings(c), accessor('f', c.path, i))));
  q.exclude.forEach((c, i) => {
    const matches = compileClause(withCapacitySpellings(c), accessor('e', c.path, i));
    tests.push((row) => !matches(row));
  });

  // sort keys compile where the sort runs; compiling them here too makes a bad one the query's error
  q.sort.forEach((k, i) => accessor('sort', k.path, i));
  const columns = (q.columns.length > 0 ? q.columns : DEFAULT_COLUMNS).map((c, i) => ({
    path: c.path,
    width: c.width,
    get: accessor('o', c.path, i),
  }));

  return {
    matches: (row) => {
      for (const test of tests) if (!test(row)) return false;
      return true;
    },
    columns,
  };
}

/** `node_lifecycle=Ec2Spot/ON_DEMAND` means the types spot and on-demand (exact matches only). */
function withCapacitySpellings(c: Clause): Clause {
  if (c.op === '~=' || rowFieldOfPath(c.path) !== 'capacityType') return c;
  return { ...c, values: c.values.map(capacityTypeSpelling) };
}

function accessor(param: string, path: string, index: number): PathAccessor {
  return inParam(param, path, index, (text) => compileSegments(parsePathText(text)));
}

export function filterRows(rows: readonly PodNodeRow[], q: Query): PodNodeRow[] {
  const { matches } = compileQuery(q);
  const out: PodNodeRow[] = [];
  for (const row of rows) if (matches(row)) out.push(row);
  return out;
}

/** A sorted copy in the one order (see sort.ts). Each row's keys are read once, not once per comparison. */
export function sortRows(rows: readonly PodNodeRow[], q: Pick<Query, 'sort'>): PodNodeRow[] {
  return (q.sort.length === 0 && inDefaultOrder(rows)) || sortByKeys(rows, q);
}

/** The default order (namespace, pod name, uid) by one native sort (orderByTextKeys), when all
 *  of those values sort as text; else null. */
export function inDefaultOrder(rows: readonly PodNodeRow[]): PodNodeRow[] | null {
  return orderByTextKeys(rows, (r) => [sortValueOf(cellOf(r.namespace)), sortValueOf(cellOf(r.podName)), sortValueOf(cellOf(r.uid))]);
}

/** The general sort: any keys, then the default order, then the uid. */
export function sortByKeys(rows: readonly PodNodeRow[], q: Pick<Query, 'sort'>): PodNodeRow[] {
  // A key that names the same row field as an earlier one can never break a tie: skip it.
  const seen = new Set<string>();
  const keys = effectiveSort(q.sort)
    .map((k, i) => ({ get: accessor('sort', k.path, i), desc: k.desc, field: rowFieldOfPath(k.path) }))
    .filter((k) => k.field === undefined || (!seen.has(k.field) && seen.add(k.field)));
  // The query's own keys are read for every row up front; the tie-breaking defaults only for the
  // rows that tie, when they tie (most sorts never reach the uid).
  const userKeys = Math.min(q.sort.length, keys.length);
  const values: SortValue[][] = keys.map((k, j) => (j < userKeys ? rows.map((row) => sortValueOf(cellOf(k.get(row)))) : new Array<SortValue>(rows.length)));
  const known: Uint8Array[] = keys.map((_, j) => new Uint8Array(j < userKeys ? 0 : rows.length));
  const valueAt = (k: number, i: number): SortValue => {
    if (k < userKeys) return values[k]![i];
    if (known[k]![i] === 0) {
      values[k]![i] = sortValueOf(cellOf(keys[k]!.get(rows[i]!)));
      known[k]![i] = 1;
    }
    return values[k]![i];
  };
  const order = rows.map((_, i) => i);
  order.sort((x, y) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareSortValues(valueAt(k, x), valueAt(k, y), keys[k]!.desc);
      if (c !== 0) return c;
    }
    return x - y;
  });
  return order.map((i) => rows[i]!);
}
