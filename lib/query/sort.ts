// The one sort order, used by the API, every output format, the CLI and the page alike. A value
// is compared by its cell — what a custom column carries to the browser — so the page, which only
// holds cells, orders rows exactly as the server does:
//   numbers by value; text that is a Kubernetes quantity (`500m`, `2Gi`, `10`) by its value, before
//   other text; other text by code unit (locale-free, so every machine agrees); missing values last
//   in either direction. Ties fall back to the default order, then to the pod uid, so every order is
//   total and the same everywhere.
import { parseQuantity } from '@/lib/podnode/quantity';
import { valueToText } from './path';
import type { SortKey } from './query';

/** A custom column's value as it travels: numbers stay numbers, missing is null, the rest is text. */
export type Cell = string | number | null;
export type SortValue = number | string | undefined;

export function cellOf(v: unknown): Cell {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null; // JSON has no NaN or Infinity
  if (v === undefined || v === null) return null;
  return valueToText(v);
}

// A quantity's shape, checked before parsing so ordinary text costs one regex test; text that
// cannot start one (most names) not even that.
const QUANTITY = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/;
const mayBeQuantity = (c: number) => (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // 0-9 + - .

export function sortValueOf(cell: Cell | undefined): SortValue {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'number') return cell;
  if (cell.length > 0 && cell.length <= 64 && mayBeQuantity(cell.charCodeAt(0)) && QUANTITY.test(cell)) {
    try {
      return Number(parseQuantity(cell).nanos) / 1e9;
    } catch {
      return cell;
    }
  }
  return cell;
}

const SEP = '\u0000';

/** Items in the order of their keys (key by key, each by code unit; ties by position), found by
 *  one native sort of joined strings: no comparator call per comparison. Holds when every key is
 *  text (no number, quantity or missing value) without NUL — Kubernetes names cannot hold one —
 *  since keys joined with the lowest character order as their tuples do; otherwise null, and the
 *  caller sorts the general way. */
export function orderByTextKeys<T>(items: readonly T[], keysOf: (item: T) => readonly SortValue[]): T[] | null {
  // the position, zero-padded so that it sorts as a number does
  const width = String(items.length).length;
  const joined = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    let key = '';
    for (const v of keysOf(items[i]!)) {
      if (typeof v !== 'string' || v.includes(SEP)) return null;
      key += v + SEP;
    }
    joined[i] = key + String(i).padStart(width, '0');
  }
  joined.sort();
  const out = new Array<T>(items.length);
  for (let i = 0; i < joined.length; i++) {
    const j = joined[i]!;
    out[i] = items[Number(j.slice(j.lastIndexOf(SEP) + 1))]!;
  }
  return out;
}

/** Ascending order of two sort values, except that `undefined` (missing) is last whatever `desc` says. */
export function compareSortValues(a: SortValue, b: SortValue, desc: boolean): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a < b ? -1 : a > b ? 1 : 0;
  else if (typeof a === 'number') order = -1; // numbers before text
  else if (typeof b === 'number') order = 1;
  else order = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -order : order;
}

/** The order of a query without `sort`. */
const DEFAULT_SORT: readonly SortKey[] = [
  { path: 'namespace', desc: false },
  { path: 'podName', desc: false },
];

/** The keys every sort really uses: the query's, then the default order, then the pod uid. */
export function effectiveSort(sort: readonly SortKey[]): SortKey[] {
  return [...sort, ...DEFAULT_SORT, { path: 'uid', desc: false }];
}

/** Rows in the one order by keys read once per row (not once per comparison); stable. */
export function orderBy<R>(rows: readonly R[], keys: ReadonlyArray<{ get: (row: R) => unknown; desc: boolean }>): R[] {
  const values: SortValue[][] = keys.map((k) => rows.map((row) => sortValueOf(cellOf(k.get(row)))));
  const order = rows.map((_, i) => i);
  order.sort((x, y) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareSortValues(values[k]![x], values[k]![y], keys[k]!.desc);
      if (c !== 0) return c;
    }
    return x - y;
  });
  return order.map((i) => rows[i]!);
}
