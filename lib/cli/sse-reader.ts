// A minimal Server-Sent Events reader over fetch (Node has no EventSource): calls onEvent with each
// event's name and data until the stream ends or the signal aborts.
import { readSseBody } from '@/lib/rows/sse-wire';

export async function readSse(url: string, signal: AbortSignal, headers: Record<string, string>, onEvent: (event: string, data: string) => void): Promise<void> {
  const res = await fetch(url, { signal, headers: { Accept: 'text/event-stream', ...headers } });
  if (!res.ok || !res.body) throw new Error(`stream ${url} answered ${res.status}`);
  await readSseBody(res.body, onEvent);
}
