// Sorting, quick filtering and grouping of the held rows: plain array work, kept outside the
// table so a keystroke at 50,000 rows costs one filter pass over an already-sorted array, and a
// live patch moves only the rows it changed.
import type { WireRow } from '@/lib/rows/wire';
import type { Entry, RowStore } from '@/components/row-store';
import { columnIdOf, compareSortValues, effectiveSort, isCustomColumn, sortValueOf, type SortValue } from '@/lib/query';

export type SortSpec = { id: string; desc: boolean }[];

/** A row's value for a column id as lib/query sorts it: the API, the CLI and the page agree. */
function sortValue(row: WireRow, id: string): SortValue {
  if (isCustomColumn(id)) return sortValueOf(row.cells?.[id]);
  const v = row[id as keyof WireRow];
  return sortValueOf(typeof v === 'string' || typeof v === 'number' ? v : null);
}

/** the user's sort, then the default order, then uid: lib/query's total order, by column id */
function fullSpec(sort: SortSpec): SortSpec {
  return effectiveSort(sort.map((s) => ({ path: s.id, desc: s.desc }))).map((k) => ({ id: columnIdOf(k.path), desc: k.desc }));
}

function compareKeys(x: SortValue[], y: SortValue[], spec: SortSpec): number {
  for (let i = 0; i < spec.length; i++) {
    const c = compareSortValues(x[i], y[i], spec[i]!.desc);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Full sort. Each of the user's key columns becomes a number per row first — its rank among the
 * column's distinct values — so the n·log n comparisons are float compares, not string compares
 * (node names share long prefixes). Ties fall through to the default keys, compared directly.
 * Same order as `compareKeys` over `fullSpec`.
 */
export function sortEntries(entries: Entry[], sort: SortSpec): Entry[] {
  const spec = fullSpec(sort);
  // Rank the user's keys (or, with none, the default namespace and name); uid breaks ties below.
  const ranked = spec.slice(0, sort.length > 0 ? sort.length : spec.length - 1);
  const rest = spec.slice(ranked.length);
  const n = entries.length;
  const m = ranked.length;
  const keys = new Float64Array(n * m);
  ranked.forEach((s, j) => {
    const values = entries.map((e) => sortValue(e.row, s.id));
    const distinct = [...new Set(values)].filter((v) => v !== undefined).sort((a, b) => compareSortValues(a, b, false));
    const rank = new Map<SortValue, number>(distinct.map((v, i) => [v, i]));
    for (let i = 0; i < n; i++) {
      const v = values[i];
      keys[i * m + j] = v === undefined ? Infinity : s.desc ? -rank.get(v)! : rank.get(v)!; // missing last either way
    }
  });
  const restValues = rest.map((s) => entries.map((e) => sortValue(e.row, s.id)));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (let j = 0; j < m; j++) {
      const d = keys[a * m + j]! - keys[b * m + j]!;
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    for (let j = 0; j < rest.length; j++) {
      const c = compareSortValues(restValues[j]![a], restValues[j]![b], rest[j]!.desc);
      if (c !== 0) return c;
    }
    return 0;
  });
  return order.map((i) => entries[i]!);
}

/** A sorted array and what it reflects: the sort, and the store's reset and journal position. */
export type SortedState = { arr: Entry[]; sort: SortSpec; resets: number; seq: number };

export function isCurrent(state: SortedState, store: RowStore, sort: SortSpec): boolean {
  return state.sort === sort && state.resets === store.resets && state.seq === store.journalEnd;
}

/**
 * The sorted rows for the store as it is now, from the previous state: a full sort when the sort
 * or the row set changed wholesale, else just the journal's changes moved into place. Pure: `prev`
 * is never modified, so a render may call it freely.
 */
export function advanceSorted(prev: SortedState | null, store: RowStore, sort: SortSpec): SortedState {
  const next = { sort, resets: store.resets, seq: store.journalEnd };
  const changes = prev ? store.changesSince(prev.seq) : null;
  if (!prev || prev.sort !== sort || prev.resets !== store.resets || changes === null || changes.length > prev.arr.length / 8 + 64) {
    return { arr: sortEntries(store.entries(), sort), ...next };
  }
  if (changes.length === 0) return { arr: prev.arr, ...next };
  const spec = fullSpec(sort);
  const keyOf = (e: Entry) => spec.map((s) => sortValue(e.row, s.id));
  const arr = prev.arr.slice();
  const lowerBound = (k: SortValue[]) => {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(keyOf(arr[mid]!), k, spec) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const { old, next: added } of changes) {
    if (old) {
      let at = lowerBound(keyOf(old));
      if (arr[at] !== old) at = arr.indexOf(old);
      if (at >= 0) arr.splice(at, 1);
    }
    if (added) arr.splice(lowerBound(keyOf(added)), 0, added);
  }
  return { arr, ...next };
}

export function quickFilter(entries: Entry[], q: string): Entry[] {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return entries;
  if (terms.length === 1) {
    const t = terms[0]!;
    return entries.filter((e) => e.search.includes(t));
  }
  return entries.filter((e) => terms.every((t) => e.search.includes(t)));
}

export type GroupItem = { kind: 'group'; key: string; count: number; cpuRequest: number; memoryRequest: number; collapsed: boolean };
export type ListItem = GroupItem | Entry;

/** Groups in key order, rows inside each group in the current sort order. */
export function groupEntries(entries: Entry[], field: keyof WireRow, collapsed: ReadonlySet<string>): ListItem[] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = String(e.row[field] ?? '—');
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(e);
  }
  const out: ListItem[] = [];
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    let cpu = 0;
    let mem = 0;
    for (const e of list) {
      cpu += e.row.cpuRequest;
      mem += e.row.memoryRequest;
    }
    const isCollapsed = collapsed.has(key);
    out.push({ kind: 'group', key, count: list.length, cpuRequest: cpu, memoryRequest: mem, collapsed: isCollapsed });
    if (!isCollapsed) for (const e of list) out.push(e);
  }
  return out;
}
