// Output formats for rows: kk's padded text, CSV safe to open in a spreadsheet, JSON and NDJSON.
import type { PodNodeRow, PodNodeRowLite } from '@/lib/podnode/types';
import { compilePath, valueToText, Fanout, type PathAccessor } from './path';
import { DEFAULT_COLUMNS } from './evaluate';
import { COLUMN_PADDING } from './limits';
import { ROW_FIELDS } from './row-fields';

export type ColumnSpec = { path: string; width: number };

function compiled(columns: readonly ColumnSpec[]): { path: string; width: number; get: PathAccessor }[] {
  const list = columns.length > 0 ? columns : DEFAULT_COLUMNS;
  return list.map((c) => ({ path: c.path, width: c.width, get: compilePath(c.path, 'o') }));
}

/** kk's layout (Python `'{:20.16}'`): each value cut to WIDTH and padded to WIDTH+4, left-aligned.
 *  The header is the column path as written, as kk printed it. */
export function formatText(rows: readonly PodNodeRow[], columns: readonly ColumnSpec[], opts: { headers: boolean }): string {
  const cols = compiled(columns);
  const parts: string[] = [];
  if (opts.headers) parts.push(...cols.map((c) => fit(terminalSafe(c.path), c.width)), '\n');
  for (const row of rows) {
    for (const c of cols) parts.push(fit(terminalSafe(valueToText(c.get(row))), c.width));
    parts.push('\n');
  }
  return parts.join('');
}

/** Cut to `width` code points (never half a surrogate pair) and pad to width + 4. */
function fit(text: string, width: number): string {
  const cut = text.length <= width ? text : Array.from(text).slice(0, width).join('');
  return cut + pad(width + COLUMN_PADDING - codePoints(cut));
}

// 150,000 rows × 7 columns: allocating each run of spaces anew was most of the cost of `format=text`.
const PADS: string[] = [];
function pad(n: number): string {
  return (PADS[n] ??= ' '.repeat(Math.max(0, n)));
}

function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Annotations and statuses can hold escape sequences; a listing must not drive the terminal. */
function terminalSafe(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  }
  return text;
}

/** RFC 4180, CRLF line ends, header = the column paths. */
export function formatCsv(rows: readonly PodNodeRow[], columns: readonly ColumnSpec[]): string {
  const cols = compiled(columns);
  const lines = [cols.map((c) => csvCell(c.path)).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvValue(c.get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** CSV of plain records (node and workload rows): one column per field, the same cell safety. */
export function formatRecordsCsv<R extends object>(rows: readonly R[], fields: readonly (keyof R & string)[]): string {
  const lines = [fields.map(csvCell).join(',')];
  for (const row of rows) lines.push(fields.map((f) => csvValue(row[f])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvValue(v: unknown): string {
  // A real number is data, not a formula, even when negative.
  return typeof v === 'number' ? String(v) : csvCell(valueToText(v));
}

function csvCell(text: string): string {
  // Spreadsheets execute cells that start with these (formula injection from hostile labels).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** With columns: one object per row keyed by column path. Without: the rows minus `pod`/`node`. */
export function formatJsonRows(rows: readonly PodNodeRow[], columns?: readonly ColumnSpec[]): Record<string, unknown>[] {
  if (!columns || columns.length === 0) return rows.map(liteRow);
  const cols = compiled(columns);
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const c of cols) out[c.path] = jsonValue(c.get(row));
    return out;
  });
}

export function formatNdjson(rows: readonly PodNodeRow[], columns?: readonly ColumnSpec[]): string {
  return formatJsonRows(rows, columns)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}

function jsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  return v instanceof Fanout ? v.values : v;
}

/** Field by field, so nothing but the row's own scalar fields can reach the output. */
function liteRow(row: PodNodeRow): PodNodeRowLite {
  const out: Record<string, unknown> = {};
  for (const f of ROW_FIELDS) out[f] = row[f];
  return out as PodNodeRowLite;
}
