// A JSON document whose one big array is streamed in chunks: 150,000 objects never become one
// string in the server's memory, and a reader that stops reading holds the server to one chunk.
import 'server-only';
import { jsonWithArray } from '@/lib/rows/json-chunks';

const CHUNK = 500;

/** `{...head, [key]: [items…]}`, serialised a chunk of items at a time as the client reads. */
export function streamJsonWithArray(head: Record<string, unknown>, key: string, items: readonly unknown[], headers: HeadersInit): Response {
  const encoder = new TextEncoder();
  const parts = jsonWithArray(head, key, items, CHUNK);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts.next();
      if (part.done) {
        controller.enqueue(encoder.encode('\n'));
        controller.close();
      } else controller.enqueue(encoder.encode(part.value));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } });
}
