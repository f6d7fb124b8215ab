// `-o PATH[:WIDTH],…` and `--sort [-]PATH,…`. Lists are split by reading paths, not by splitting on
// `,` or `:`, because a bracketed key may hold both (`labels["a:b,c"]`).
import { fail } from './errors';
import { parsePathAt, bracketHint } from './path-syntax';
import { DEFAULT_COLUMN_WIDTH, MAX_COLUMN_WIDTH, MAX_COLUMNS, MAX_SORT_KEYS } from './limits';
import type { Column, SortKey } from './query';

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t';

/** Walks a comma-separated list, skipping empty entries (kk's `,,`), calling `entry` at each start. */
function eachEntry(text: string, entry: (start: number) => number): void {
  let i = 0;
  while (i < text.length) {
    while (isSpace(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++;
      continue;
    }
    i = entry(i);
    while (isSpace(text[i])) i++;
    if (i < text.length && text[i] !== ',') {
      fail(`unexpected '${text[i]}' at position ${i}, expected ',' or the end${bracketHint(text[i])}`, i);
    }
  }
}

export function parseColumnList(text: string): Column[] {
  const columns: Column[] = [];
  eachEntry(text, (start) => {
    const { end } = parsePathAt(text, start);
    const column: Column = { path: text.slice(start, end), width: DEFAULT_COLUMN_WIDTH, widthSet: false };
    let i = end;
    if (text[i] === ':') {
      const from = i + 1;
      i = from;
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      const digits = text.slice(from, i);
      if (digits === '') fail(`expected a width (a number) after ':' at position ${from}`, from);
      const width = digits.length > 4 ? Infinity : Number(digits);
      if (width < 1 || width > MAX_COLUMN_WIDTH) {
        fail(`width ${digits.slice(0, 8)} at position ${from} must be between 1 and ${MAX_COLUMN_WIDTH}`, from);
      }
      column.width = width;
      column.widthSet = true;
    }
    if (columns.length === MAX_COLUMNS) fail(`more than ${MAX_COLUMNS} columns (position ${start})`, start);
    columns.push(column);
    return i;
  });
  return columns;
}

export function formatColumnList(columns: readonly Column[]): string {
  return columns.map((c) => (c.widthSet ? `${c.path}:${c.width}` : c.path)).join(',');
}

/** `-` before a path sorts descending (`+` would arrive as a space from a URL). */
export function parseSortList(text: string): SortKey[] {
  const keys: SortKey[] = [];
  eachEntry(text, (start) => {
    const desc = text[start] === '-';
    const from = desc ? start + 1 : start;
    const { end } = parsePathAt(text, from);
    if (keys.length === MAX_SORT_KEYS) fail(`more than ${MAX_SORT_KEYS} sort keys (position ${start})`, start);
    keys.push({ path: text.slice(from, end), desc });
    return end;
  });
  return keys;
}

export function formatSortList(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.desc ? '-' : ''}${k.path}`).join(',');
}
