// A JSON document whose one big array is written a chunk of items at a time: 150,000 objects never
// become one string. The dashboard streams it over HTTP (lib/api/json-stream.ts, /api/snapshot),
// the CLI writes the same snapshot document to a file (lib/cli/snapshot-file.ts).

/** `{...head, [key]: [items…]}` as text: the head, then `perChunk` items at a time, then the end. */
export function* jsonWithArray(head: Record<string, unknown>, key: string, items: readonly unknown[], perChunk: number): Generator<string> {
  yield JSON.stringify({ ...head, [key]: [] }).slice(0, -2); // `{"a":1,"key":[` minus `]}`
  for (let i = 0; i < items.length; i += perChunk) {
    const part = items.slice(i, i + perChunk).map((item) => JSON.stringify(item)).join(',');
    yield (i > 0 ? ',' : '') + part;
  }
  yield ']}';
}
