// Bounds on what one query may ask for: a query arrives from anyone who can reach the
// API, and every clause costs a pass over up to 150,000 rows.

export const MAX_QUERY_BYTES = 8 * 1024;
/** -f and -e together */
export const MAX_CLAUSES = 20;
export const MAX_COLUMNS = 50;
export const MAX_SORT_KEYS = 10;
export const MAX_PATH_DEPTH = 32;
export const MAX_COLUMN_WIDTH = 1000;
/** kk's default width: values truncated to 16 characters and padded to 20 */
export const DEFAULT_COLUMN_WIDTH = 16;
export const COLUMN_PADDING = 4;

const encoder = new TextEncoder();

export function boundedByteLength(text: string): number {
  // Exact up to the limit, a lower bound beyond it: a 10 MB hostile value is refused unencoded.
  if (text.length > MAX_QUERY_BYTES) return text.length;
  return encoder.encode(text).length;
}
