// The compact form of many wire rows, for the page's snapshot (pack=1 on the stream): the strings
// in a table (a repeated one once; uids and pod names as they come), each row a run of numbers —
// table indexes for the text fields, values for the numeric ones. At 150,000 rows that is a third
// of the bytes of row objects, it parses as a flat number array, and the rows it decodes to share
// their strings.
// Decoding checks every value (type, range, the capacity-type enum) as it goes: a packed snapshot
// is as strictly validated as a row-by-row one, without a schema pass over 3 million values.
import { z } from 'zod';
import { CAPACITY_TYPES } from '@/lib/podnode/types';
import { snapshotEventSchema, type SnapshotEvent, type WireRow } from './wire';

/** The row fields in packed order: text fields (nullable or not) go through the string table. */
const FIELDS = [
  ['uid', 'text'], ['namespace', 'text'], ['podName', 'text'], ['status', 'text'], ['ready', 'text'],
  ['restarts', 'number'], ['appName', 'text'], ['ownerKind', 'nullable'], ['ownerName', 'nullable'],
  ['nodeName', 'nullable'], ['nodeGroup', 'nullable'], ['capacityType', 'capacity'], ['zone', 'nullable'],
  ['instanceType', 'nullable'], ['cpuRequest', 'number'], ['cpuLimit', 'number'], ['memoryRequest', 'number'],
  ['memoryLimit', 'number'], ['createdAt', 'text'], ['warnings', 'number'],
] as const satisfies ReadonlyArray<readonly [keyof WireRow, 'text' | 'nullable' | 'number' | 'capacity']>;

const WIDTH = FIELDS.length;
const CELL = z.union([z.string(), z.number(), z.null()]);

const packedRowsSchema = z.object({
  /** the field order the numbers follow: a reader built for another order refuses the message */
  fields: z.array(z.string()),
  strings: z.array(z.string()),
  /** WIDTH numbers per row: a text field's index in `strings` (-1 for null), a number field's
   *  value. Checked value by value when decoded, not here: a schema pass over millions of numbers
   *  would cost what packing saves. */
  data: z.custom<number[]>(Array.isArray, 'data must be an array'),
  /** custom column path → one cell per row */
  cells: z.record(z.string(), z.array(CELL)).optional(),
});
export type PackedRows = z.infer<typeof packedRowsSchema>;

type Cell = z.infer<typeof CELL>;

/** Rows (wire rows, or the server's own rows, which have the same fields) and their custom cells,
 *  packed. */
export function packRows(rows: ReadonlyArray<Omit<WireRow, 'cells'>>, cells: ReadonlyArray<{ path: string; cellOf: (i: number) => Cell }> = []): PackedRows {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const text = (v: string): number => {
    let i = indexOf.get(v);
    if (i === undefined) indexOf.set(v, (i = strings.push(v) - 1));
    return i;
  };
  const maybe = (v: string | null): number => (v === null ? -1 : text(v));
  // A uid, and nearly always a pod's name, is one row's alone: it goes into the table as it is,
  // without a lookup (a name that repeats costs its bytes twice, never a wrong row). At 150,000
  // rows the lookups of those 300,000 strings were half the packing.
  const own = (v: string): number => strings.push(v) - 1;
  const data = new Array<number>(rows.length * WIDTH);
  let o = 0;
  for (const r of rows) {
    // one field at a time, in FIELDS order (as unpackRows reads them), by name: a loop over
    // FIELDS read each field by a computed key, several times slower per row
    data[o] = own(r.uid);
    data[o + 1] = text(r.namespace);
    data[o + 2] = own(r.podName);
    data[o + 3] = text(r.status);
    data[o + 4] = text(r.ready);
    data[o + 5] = r.restarts;
    data[o + 6] = text(r.appName);
    data[o + 7] = maybe(r.ownerKind);
    data[o + 8] = maybe(r.ownerName);
    data[o + 9] = maybe(r.nodeName);
    data[o + 10] = maybe(r.nodeGroup);
    data[o + 11] = text(r.capacityType);
    data[o + 12] = maybe(r.zone);
    data[o + 13] = maybe(r.instanceType);
    data[o + 14] = r.cpuRequest;
    data[o + 15] = r.cpuLimit;
    data[o + 16] = r.memoryRequest;
    data[o + 17] = r.memoryLimit;
    data[o + 18] = text(r.createdAt);
    data[o + 19] = r.warnings;
    o += WIDTH;
  }
  const packed: PackedRows = { fields: FIELDS.map(([f]) => f), strings, data };
  if (cells.length > 0) packed.cells = Object.fromEntries(cells.map((c) => [c.path, rows.map((_, i) => c.cellOf(i))]));
  return packed;
}

const CAPACITY: ReadonlySet<string> = new Set(CAPACITY_TYPES);

/** The rows back, each checked; throws (naming the row and field) on anything out of shape. */
export function unpackRows(input: unknown): WireRow[] {
  const { fields, strings, data, cells } = packedRowsSchema.parse(input);
  if (fields.length !== WIDTH || fields.some((f, i) => f !== FIELDS[i]![0])) throw new Error(`packed rows: fields ${fields.join(',')} are not the ones this page reads`);
  if (data.length % WIDTH !== 0) throw new Error(`packed rows: ${data.length} numbers is not a whole number of rows`);
  const n = data.length / WIDTH;
  const cellEntries = Object.entries(cells ?? {});
  for (const [path, values] of cellEntries) if (values.length !== n) throw new Error(`packed rows: cells for ${path} have ${values.length} values for ${n} rows`);
  const bad = (at: number, why: string) => new Error(`packed rows: row ${Math.floor(at / WIDTH)} ${FIELDS[at % WIDTH]![0]} ${why}`);
  const num = (at: number): number => {
    const v = data[at]!;
    if (!Number.isFinite(v)) throw bad(at, 'is not a number');
    return v;
  };
  const text = (at: number): string => {
    const s = strings[data[at]!];
    if (s === undefined || !Number.isInteger(data[at])) throw bad(at, `points at no string (${data[at]})`);
    return s;
  };
  const maybe = (at: number): string | null => (data[at] === -1 ? null : text(at));
  const capacity = (at: number): WireRow['capacityType'] => {
    const s = text(at);
    if (!CAPACITY.has(s)) throw bad(at, `${JSON.stringify(s)} is not a capacity type`);
    return s as WireRow['capacityType'];
  };
  const rows = new Array<WireRow>(n);
  for (let r = 0, o = 0; r < n; r++, o += WIDTH) {
    // one literal, in FIELDS order: every decoded row has the same shape
    const row: WireRow = {
      uid: text(o), namespace: text(o + 1), podName: text(o + 2), status: text(o + 3), ready: text(o + 4),
      restarts: num(o + 5), appName: text(o + 6), ownerKind: maybe(o + 7), ownerName: maybe(o + 8),
      nodeName: maybe(o + 9), nodeGroup: maybe(o + 10), capacityType: capacity(o + 11), zone: maybe(o + 12),
      instanceType: maybe(o + 13), cpuRequest: num(o + 14), cpuLimit: num(o + 15), memoryRequest: num(o + 16),
      memoryLimit: num(o + 17), createdAt: text(o + 18), warnings: num(o + 19),
    };
    if (cellEntries.length > 0) row.cells = Object.fromEntries(cellEntries.map(([p, values]) => [p, values[r]!]));
    rows[r] = row;
  }
  return rows;
}

/** A stream snapshot as sent: its rows as row objects, or packed. */
export type WireSnapshot = Omit<SnapshotEvent, 'rows'> & ({ rows: WireRow[] } | { packed: PackedRows });

const packedSnapshotSchema = snapshotEventSchema.omit({ rows: true }).extend({ packed: z.unknown() });

/** A snapshot message, in either form, checked and with its rows decoded. */
export function snapshotFromWire(data: unknown): SnapshotEvent {
  if (typeof data === 'object' && data !== null && 'packed' in data) {
    const { packed, ...meta } = packedSnapshotSchema.parse(data);
    return { ...meta, rows: unpackRows(packed) };
  }
  return snapshotEventSchema.parse(data);
}
