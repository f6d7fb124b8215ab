// Sorting, quick filtering and grouping of the held rows: plain array work, kept outside the
// table so a keystroke at 50,000 rows costs one filter pass over an already-sorted array, and a
// live patch moves only the rows it changed.
import type { WireRow } from '@/lib/rows/wire';
import type { Entry, RowStore } from '@/components/row-store';
import { compareKeys, defaultOrder, fullSpec, sortByRanks, sortValue, type SortSpec } from '@/components/row-sort';

export type { SortSpec };

const NO_SORT: SortSpec = [];
/** per store, its rows in the default order, kept up to date like any sorted view */
const byDefault = new WeakMap<RowStore, SortedState>();

function defaultSorted(store: RowStore): Entry[] {
  const state = advanceSorted(byDefault.get(store) ?? null, store, NO_SORT);
  byDefault.set(store, state);
  return state.arr;
}

/** The full sort of some entries (tests, and views without a store). */
export function sortEntries(entries: Entry[], sort: SortSpec): Entry[] {
  return sortByRanks(defaultOrder(entries), sort);
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
  const state = advance(prev, store, sort);
  // A view in the default order is the default order: keep it as the one the next sort click
  // ranks against, instead of finding it again then (a full sort of joined strings at 150k rows).
  if (sort.length === 0 && sort !== NO_SORT) byDefault.set(store, { ...state, sort: NO_SORT });
  return state;
}

function advance(prev: SortedState | null, store: RowStore, sort: SortSpec): SortedState {
  const next = { sort, resets: store.resets, seq: store.journalEnd };
  const changes = prev ? store.changesSince(prev.seq) : null;
  if (!prev || prev.sort !== sort || prev.resets !== store.resets || changes === null || changes.length > prev.arr.length / 8 + 64) {
    if (sort.length > 0) return { arr: sortByRanks(defaultSorted(store), sort), ...next };
    return { arr: sort === NO_SORT ? defaultOrder(store.entries()) : defaultSorted(store), ...next };
  }
  if (changes.length === 0) return { arr: prev.arr, ...next };
  const spec = fullSpec(sort);
  const keyOf = (e: Entry) => spec.map((s) => sortValue(e.row, s.id));
  // Many changes (a busy cluster between two clicks): drop the changed rows in one pass and merge
  // the new ones in by binary search, O(n + k log n), instead of k splices of O(n) each.
  const removed = new Set<Entry>();
  for (const c of changes) if (c.old) removed.add(c.old);
  const kept = removed.size > 0 ? prev.arr.filter((e) => !removed.has(e)) : prev.arr;
  const added = changes.flatMap((c) => (c.next && !removed.has(c.next) ? [{ e: c.next, k: keyOf(c.next) }] : []));
  added.sort((a, b) => compareKeys(a.k, b.k, spec));
  const arr: Entry[] = [];
  let from = 0;
  for (const { e, k } of added) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(keyOf(kept[mid]!), k, spec) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) arr.push(kept[i]!);
    arr.push(e);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) arr.push(kept[i]!);
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
