// A JSON document whose one big array is streamed in chunks: 150,000 objects never become one
// string in the server's memory, and a reader that stops reading holds the server to one chunk.
import 'server-only';

const CHUNK = 500;

/** `{...head, [key]: [items…]}`, serialised a chunk of items at a time as the client reads. */
export function streamJsonWithArray(head: Record<string, unknown>, key: string, items: readonly unknown[], headers: HeadersInit): Response {
  const encoder = new TextEncoder();
  let i = 0;
  const open = JSON.stringify({ ...head, [key]: [] }).slice(0, -2); // `{"a":1,"key":[` minus `]}`
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(open));
    },
    pull(controller) {
      if (i >= items.length) {
        controller.enqueue(encoder.encode(']}\n'));
        controller.close();
        return;
      }
      const part = items.slice(i, i + CHUNK).map((item) => JSON.stringify(item)).join(',');
      controller.enqueue(encoder.encode((i > 0 ? ',' : '') + part));
      i += CHUNK;
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } });
}
