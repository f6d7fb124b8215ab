// Sorting, quick filtering and grouping of the held rows: plain array work, kept outside the
// table so a keystroke at 50,000 rows costs one filter pass over an already-sorted array, and a
// live patch moves only the rows it changed.
import type { WireRow } from '@/lib/api/wire';
import type { Entry, RowStore } from '@/components/row-store';
import { isCustomColumn } from '@/components/row-fields';

export type SortSpec = { id: string; desc: boolean }[];
type Value = string | number | null;

export function cellValue(row: WireRow, id: string): Value {
  if (isCustomColumn(id)) return row.cells?.[id] ?? null;
  const v = row[id as keyof WireRow];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

function compareValues(a: Value, b: Value, desc: boolean | undefined): number {
  if (a === b) return 0;
  if (a === null) return 1; // missing values last, whatever the direction
  if (b === null) return -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
  return desc ? -c : c;
}

const DEFAULT_SORT: SortSpec = [
  { id: 'namespace', desc: false },
  { id: 'podName', desc: false },
];

/** the user's sort, then uid, so every order is total and a row can be found by binary search */
function fullSpec(sort: SortSpec): SortSpec {
  return [...(sort.length ? sort : DEFAULT_SORT), { id: 'uid', desc: false }];
}

function compareKeys(x: Value[], y: Value[], spec: SortSpec): number {
  for (let i = 0; i < spec.length; i++) {
    const c = compareValues(x[i] ?? null, y[i] ?? null, spec[i]!.desc);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Full sort. Each key column becomes a number per row first — numbers as they are, strings as
 * their rank among the column's distinct values — so the n·log n comparisons are float compares,
 * not string compares (node names share long prefixes). Same order as `compareKeys`.
 */
export function sortEntries(entries: Entry[], sort: SortSpec): Entry[] {
  const spec = fullSpec(sort).slice(0, -1); // uid breaks ties below
  const n = entries.length;
  const m = spec.length;
  const keys = new Float64Array(n * m);
  spec.forEach((s, j) => {
    const values = entries.map((e) => cellValue(e.row, s.id));
    const numeric = values.every((v) => v === null || typeof v === 'number');
    let rank: Map<Value, number> | null = null;
    if (!numeric) {
      const distinct = [...new Set(values)].filter((v) => v !== null).sort((a, b) => compareValues(a, b, false));
      rank = new Map(distinct.map((v, i) => [v, i]));
    }
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? null;
      const k = v === null ? Infinity : rank ? rank.get(v)! : (v as number);
      keys[i * m + j] = v === null ? Infinity : s.desc ? -k : k; // missing values last either way
    }
  });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (let j = 0; j < m; j++) {
      const d = keys[a * m + j]! - keys[b * m + j]!;
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    const ua = entries[a]!.row.uid;
    const ub = entries[b]!.row.uid;
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  });
  return order.map((i) => entries[i]!);
}

/** A sorted array kept up to date from the store's change journal. */
export class SortedView {
  private sort: SortSpec | null = null;
  private resets = -1;
  private seq = 0;
  private arr: Entry[] = [];

  update(store: RowStore, sort: SortSpec): Entry[] {
    const changes = store.changesSince(this.seq);
    if (sort !== this.sort || store.resets !== this.resets || changes === null || changes.length > this.arr.length / 8 + 64) {
      this.arr = sortEntries(store.entries(), sort);
    } else if (changes.length > 0) {
      const spec = fullSpec(sort);
      const keyOf = (e: Entry) => spec.map((s) => cellValue(e.row, s.id));
      const arr = this.arr.slice();
      const lowerBound = (k: Value[]) => {
        let lo = 0;
        let hi = arr.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (compareKeys(keyOf(arr[mid]!), k, spec) < 0) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
      for (const { old, next } of changes) {
        if (old) {
          let at = lowerBound(keyOf(old));
          if (arr[at] !== old) at = arr.indexOf(old);
          if (at >= 0) arr.splice(at, 1);
        }
        if (next) arr.splice(lowerBound(keyOf(next)), 0, next);
      }
      this.arr = arr;
    }
    this.sort = sort;
    this.resets = store.resets;
    this.seq = store.journalEnd;
    return this.arr;
  }
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
