// Sort order for path values: numbers numerically, text by code unit (fast and locale-free, so the
// server and every browser agree), missing values last in either direction.
import { valueToText } from './path';

export type SortValue = number | string | undefined;

export function toSortValue(v: unknown): SortValue {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return undefined;
  return valueToText(v);
}

/** Ascending order of two sort values, except that `undefined` (NA) is last whatever `desc` says. */
export function compareSortValues(a: SortValue, b: SortValue, desc: boolean): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else if (typeof a === 'number') order = -1; // numbers before text
  else if (typeof b === 'number') order = 1;
  else order = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -order : order;
}
